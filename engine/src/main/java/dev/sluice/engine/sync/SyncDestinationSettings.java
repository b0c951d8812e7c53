package dev.sluice.engine.sync;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The destination settings each sync last ran with, in {@code sluice.sync_destinations}: one row per
 * setting with a digest of its text as written in the sync file (with its {@code ${env.VAR}} references,
 * so a secret rotated in the environment is no change, and no secret is stored). A sync pointed at
 * another tool or account therefore shows: its state says what the earlier destination confirmed.
 * {@code timeout_seconds} is left out: it does not change where rows go. Thread-safe (stateless); the
 * SQL runs on the caller's session; {@link SyncTables#ensureShared} creates the table.
 */
final class SyncDestinationSettings {
    static final RelationName TABLE = new RelationName(SyncTables.SCHEMA, "sync_destinations");
    private static final String IGNORED = "timeout_seconds";

    private SyncDestinationSettings() {}

    /**
     * The settings that differ from the last run's, as {@code destination.NAME} ({@code destination.type}
     * for the connector); empty when they are the same or the sync never ran.
     */
    static List<String> changed(WarehouseSession session, SyncDefinition sync) {
        Map<String, String> recorded = new LinkedHashMap<>();
        try (WarehouseCursor cursor = session.query("select setting, digest from " + relation(TABLE)
                + " where sync = ?", List.of(sync.name()))) {
            while (cursor.next()) {
                recorded.put((String) cursor.get(0), (String) cursor.get(1));
            }
        }
        if (recorded.isEmpty()) {
            return List.of();
        }
        Map<String, String> current = digests(sync);
        TreeSet<String> names = new TreeSet<>(recorded.keySet());
        names.addAll(current.keySet());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!current.getOrDefault(name, "").equals(recorded.getOrDefault(name, ""))) {
                changed.add("destination." + name);
            }
        }
        return changed;
    }

    /** Records the sync's current settings. Call inside the caller's transaction, if any. */
    static void record(WarehouseSession session, SyncDefinition sync) {
        session.execute("delete from " + relation(TABLE) + " where sync = '" + sync.name() + "'");
        List<List<?>> rows = new ArrayList<>();
        digests(sync).forEach((setting, digest) -> rows.add(List.of(sync.name(), setting, digest)));
        session.append(TABLE, rows.iterator());
    }

    private static Map<String, String> digests(SyncDefinition sync) {
        Map<String, String> digests = new LinkedHashMap<>();
        digests.put("type", digest(sync.destinationType()));
        sync.destinationSettings().forEach((name, value) -> {
            if (!name.equals(IGNORED)) {
                digests.put(name, digest(value));
            }
        });
        return digests;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
