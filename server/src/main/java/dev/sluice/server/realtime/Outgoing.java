package dev.sluice.server.realtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.destination.DestinationRecord;

/**
 * One event mapped for a destination, ready to send. Immutable.
 *
 * @param laneKey the user id (or anonymous id) whose events are delivered in order
 * @param record what the connector sends; its payload is the mapped event
 */
record Outgoing(String messageId, String laneKey, String eventType, DestinationRecord record) {
    Outgoing {
        requireNonNull(laneKey, "laneKey is null");
        requireNonNull(record, "record is null");
    }
}
