package dev.sluice.engine.run;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.ColumnDefinition;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The input version of each model that declares one ({@code input_version} in its config) as of the model's last
 * successful build, kept in {@code sluice.input_versions} (one row per model). A version is the row the model's
 * query answers, after a fingerprint of the model's compiled SQL, so a changed model never matches an old version.
 * The runner asks for the version before the build (what the build will read at most) and records it after the
 * build succeeded: a crash between the two leaves the older version, and the next run builds again.
 *
 * <p>One instance per run; thread-safe (the table is made sure of once, under this object's lock).
 */
final class InputVersions {
    static final RelationName TABLE = new RelationName("sluice", "input_versions");
    private boolean tableReady;

    /** The version now: the fingerprint of {@code modelSql}, then every value of the query's first row. */
    static String current(WarehouseSession session, String query, String modelSql) {
        StringJoiner version = new StringJoiner("|", fingerprint(modelSql) + ":", "");
        try (WarehouseCursor cursor = session.query(query)) {
            if (cursor.next()) {
                for (int column = 0; column < cursor.columns().size(); column++) {
                    version.add(String.valueOf(cursor.get(column)));
                }
            }
        }
        return version.toString();
    }

    /** The version recorded at the model's last successful build, if any. Takes this object's lock. */
    Optional<String> recorded(WarehouseSession session, String model) {
        ensureTable(session);
        WarehouseDialect dialect = session.sqlDialect();
        try (WarehouseCursor cursor = session.query("select version from " + dialect.relation(TABLE) + " where model = "
                + dialect.textLiteral(model))) {
            return cursor.next() ? Optional.ofNullable((String) cursor.get(0)) : Optional.empty();
        }
    }

    /** Records {@code version} as the model's, replacing the one before. Takes this object's lock. */
    void record(WarehouseSession session, String model, String version) {
        ensureTable(session);
        WarehouseDialect dialect = session.sqlDialect();
        session.execute("delete from " + dialect.relation(TABLE) + " where model = " + dialect.textLiteral(model));
        session.execute("insert into " + dialect.relation(TABLE) + " values (" + dialect.textLiteral(model) + ", "
                + dialect.textLiteral(version) + ", current_timestamp)");
    }

    private synchronized void ensureTable(WarehouseSession session) {
        if (tableReady) {
            return;
        }
        WarehouseDialect dialect = session.sqlDialect();
        session.createSchema(TABLE.schema());
        session.execute(dialect.createTableIfNotExists(TABLE, List.of(
                ColumnDefinition.of(dialect, "model", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "version", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "recorded_at", LogicalType.TIMESTAMP))));
        tableReady = true;
    }

    private static String fingerprint(String sql) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
