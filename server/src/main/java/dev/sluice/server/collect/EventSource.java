package dev.sluice.server.collect;

import static java.util.Objects.requireNonNull;

/**
 * One event source from {@code sluice.yml}'s {@code collector.sources}: the SDKs of one app send
 * with its write key, and its events land in {@code <schema>.events}. Immutable.
 *
 * @param name the source's key in {@code sluice.yml}, for example {@code web}
 * @param writeKey what SDKs send as the Basic auth user name
 * @param schema the warehouse schema its raw events table lives in
 * @param transformations the transformations its events go through before they are spooled, in order
 */
public record EventSource(String name, String writeKey, String schema, java.util.List<String> transformations) {
    public EventSource {
        requireNonNull(name, "name is null");
        requireNonNull(writeKey, "writeKey is null");
        requireNonNull(schema, "schema is null");
        transformations = java.util.List.copyOf(transformations);
        if (writeKey.isBlank()) {
            throw new IllegalArgumentException("source " + name + ": write key is blank");
        }
    }

    /** A source without transformations. */
    public EventSource(String name, String writeKey, String schema) {
        this(name, writeKey, schema, java.util.List.of());
    }

    @Override
    public String toString() {
        return "EventSource[" + name + " -> " + schema + ".events]"; // never the write key
    }
}
