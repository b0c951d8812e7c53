package dev.sluice.server.realtime;

/**
 * Hears what the real-time destinations do, for the metrics. Implementations must be thread-safe: every
 * destination's lanes call them.
 */
public interface DeliveryObserver {
    /** Hears nothing. */
    DeliveryObserver NONE = new DeliveryObserver() {
        @Override
        public void requested(DestinationConfig destination, int events, long nanos, boolean succeeded) {}

        @Override
        public void settled(DestinationConfig destination, Outcome outcome, int events) {}
    };

    /** What became of events. */
    enum Outcome {
        /** The destination accepted them. */
        DELIVERED,
        /** A send failed and they will be sent again. */
        RETRIED,
        /** They became dead letters. */
        FAILED,
        /** Their {@code integrations} object, or a missing template for their type, kept them from this destination. */
        FILTERED
    }

    /** One request to the destination, successful or not, and how long it took. */
    void requested(DestinationConfig destination, int events, long nanos, boolean succeeded);

    void settled(DestinationConfig destination, Outcome outcome, int events);
}
