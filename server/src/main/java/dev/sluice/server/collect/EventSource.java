package dev.sluice.server.collect;

import static java.util.Objects.requireNonNull;

/**
 * One event source from {@code sluice.yml}'s {@code collector.sources}: the SDKs of one app send
 * with its write key, and its events land in {@code <schema>.events}. Immutable.
 *
 * @param name the source's key in {@code sluice.yml}, for example {@code web}
 * @param writeKey what SDKs send as the Basic auth user name
 * @param schema the warehouse schema its raw events table lives in
 */
public record EventSource(String name, String writeKey, String schema) {
    public EventSource {
        requireNonNull(name, "name is null");
        requireNonNull(writeKey, "writeKey is null");
        requireNonNull(schema, "schema is null");
        if (writeKey.isBlank()) {
            throw new IllegalArgumentException("source " + name + ": write key is blank");
        }
    }

    @Override
    public String toString() {
        return "EventSource[" + name + " -> " + schema + ".events]"; // never the write key
    }
}
