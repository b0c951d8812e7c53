package dev.sluice.server.collect;

import java.util.Locale;
import java.util.Optional;

/**
 * The calls of the RudderStack/Segment tracking API, as they appear in an event's {@code type} field:
 * Segment's six, and RudderStack's {@code merge} (two typed ids of one person, {@code mergeProperties}).
 */
public enum EventType {
    TRACK, IDENTIFY, PAGE, SCREEN, GROUP, ALIAS, MERGE;

    /** The value of the {@code type} field, for example {@code track}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Segment's one-letter short form of the endpoint, {@code /v1/t} for {@code /v1/track}; {@code null} for
     * {@code merge}, which Segment does not have.
     */
    public String shortPath() {
        return this == MERGE ? null : wireName().substring(0, 1);
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
