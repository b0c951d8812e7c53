package dev.sluice.server.collect;

import java.util.Locale;
import java.util.Optional;

/** The six calls of the RudderStack/Segment tracking API, as they appear in an event's {@code type} field. */
public enum EventType {
    TRACK, IDENTIFY, PAGE, SCREEN, GROUP, ALIAS;

    /** The value of the {@code type} field, for example {@code track}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The endpoint's path segment, {@code /v1/track}, and Segment's one-letter short form, {@code /v1/t}. */
    public String shortPath() {
        return wireName().substring(0, 1);
    }

    public static Optional<EventType> fromWireName(String type) {
        for (EventType value : values()) {
            if (value.wireName().equals(type)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
