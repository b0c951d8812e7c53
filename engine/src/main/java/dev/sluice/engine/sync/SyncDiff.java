package dev.sluice.engine.sync;

import static dev.sluice.engine.model.Identifiers.identifier;
import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.destination.DestinationMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Computes a sync's diff inside the warehouse: the model's rows are fingerprinted in SQL and compared
 * with the sync's state table by anti-joins, and the rows to send are written, numbered, to the
 * sync's changes table. Nothing leaves the warehouse but the changed rows. Thread-safe (stateless);
 * the SQL runs on the caller's session.
 *
 * <p>A fingerprint is the md5 of the payload columns, each written as its text's length, a colon and
 * the text (or {@code ~} for NULL), after a signature of the mapping or template: so no two different
 * rows share a text, and changing the mapping resends every row.
 */
final class SyncDiff {
    static final String SEQ = "__sluice_seq";
    static final String CHANGE = "__sluice_change";
    static final String KEY = "__sluice_key";
    static final String FINGERPRINT = "__sluice_fingerprint";
    static final String ATTEMPTS = "__sluice_attempts";

    private SyncDiff() {}

    /**
     * Writes the changes table and counts what it holds.
     *
     * @param signature a text that changes whenever the mapping or template does
     * @param retryRefused whether rows the destination refused are sent again whatever their attempts (its
     *     settings changed), with their attempts counted from 0
     * @throws SyncException when the model has duplicate primary keys
     */
    static SyncPlan compute(WarehouseSession session, SyncDefinition sync, RelationName model, SyncColumns columns,
            String signature, SyncTables tables, boolean retryRefused) {
        checkKeys(session, sync, model, columns);
        for (String statement : session.sqlDialect().replaceScratchTable(tables.changes(),
                query(sync, model, columns, signature, tables, retryRefused))) {
            session.execute(statement);
        }
        long added = 0;
        long changed = 0;
        long removed = 0;
        try (WarehouseCursor cursor = session.query("select " + CHANGE + ", count(*) from "
                + relation(tables.changes()) + " group by " + CHANGE)) {
            while (cursor.next()) {
                long count = ((Number) cursor.get(1)).longValue();
                switch (String.valueOf(cursor.get(0))) {
                    case "add" -> added = count;
                    case "change" -> changed = count;
                    default -> removed = count;
                }
            }
        }
        return new SyncPlan(added, changed, removed, nullKeys(session, model, columns));
    }

    /** The query of the changes table: the rows to send, numbered. */
    static String query(SyncDefinition sync, RelationName model, SyncColumns columns, String signature,
            SyncTables tables, boolean retryRefused) {
        String key = identifier(columns.primaryKey());
        String modelColumns = columns.payload().stream().map(column -> "m." + identifier(column))
                .collect(Collectors.joining(", "));
        String candidates = "select m." + KEY + ", m." + FINGERPRINT + ", case when s.row_key is null then 'add' else"
                + " 'change' end as " + CHANGE + " from model_rows m left join " + relation(tables.state())
                + " s on s.row_key = m." + KEY + " where s.row_key is null"
                + (sync.mode() == DestinationMode.INSERT ? "" : " or s.fingerprint <> m." + FINGERPRINT);
        if (sync.mode() == DestinationMode.MIRROR) {
            candidates += " union all select s.row_key, '-', 'remove' from " + relation(tables.state()) + " s where not"
                    + " exists (select 1 from model_rows m where m." + KEY + " = s.row_key)";
        }
        return "with model_rows as (select cast(" + key + " as varchar) as " + KEY + ", "
                + fingerprint(columns.payload(), signature) + " as " + FINGERPRINT + ", "
                + columns.payload().stream().map(column -> identifier(column)).collect(Collectors.joining(", "))
                + " from " + relation(model) + " where " + key + " is not null),\n"
                + "candidates as (" + candidates + "),\n"
                + (retryRefused ? "diff as (select c.*, 0 as " + ATTEMPTS + " from candidates c)\n"
                        : "diff as (select c.*, coalesce(r.attempts, 0) as " + ATTEMPTS + " from candidates c left join "
                        + relation(tables.rejects()) + " r on r.row_key = c." + KEY + " and r.fingerprint = c."
                        + FINGERPRINT + " where r.row_key is null or r.attempts < " + sync.maxAttempts() + ")\n")
                + "select row_number() over (order by d." + CHANGE + ", d." + KEY + ") as " + SEQ + ", d." + CHANGE
                + ", d." + KEY + ", d." + FINGERPRINT + ", d." + ATTEMPTS + ", " + modelColumns
                + " from diff d left join model_rows m on m." + KEY + " = d." + KEY + " and d." + CHANGE
                + " <> 'remove'";
    }

    private static String fingerprint(List<String> columns, String signature) {
        List<String> parts = new ArrayList<>();
        parts.add("'" + signature.replace("'", "''") + "'");
        for (String column : columns) {
            String text = "cast(" + identifier(column) + " as varchar)";
            parts.add("coalesce(cast(length(" + text + ") as varchar) || ':' || " + text + ", '~')");
        }
        return "md5(" + String.join(" || ',' || ", parts) + ")";
    }

    private static void checkKeys(WarehouseSession session, SyncDefinition sync, RelationName model,
            SyncColumns columns) {
        String key = identifier(columns.primaryKey());
        List<String> duplicates = new ArrayList<>();
        try (WarehouseCursor cursor = session.query("select cast(" + key + " as varchar), count(*) from "
                + relation(model) + " where " + key + " is not null group by 1 having count(*) > 1 order by 2 desc,"
                + " 1 limit 3")) {
            while (cursor.next()) {
                duplicates.add(cursor.get(0) + " (" + cursor.get(1) + " rows)");
            }
        }
        if (!duplicates.isEmpty()) {
            throw SyncException.config(sync.where("primary_key") + ": " + columns.primaryKey() + " is not unique in"
                    + " model " + sync.model() + ": " + String.join(", ", duplicates) + "; a sync needs one row per"
                    + " key (deduplicate in the model, or choose another primary_key)");
        }
    }

    private static long nullKeys(WarehouseSession session, RelationName model, SyncColumns columns) {
        try (WarehouseCursor cursor = session.query("select count(*) from " + relation(model) + " where "
                + identifier(columns.primaryKey()) + " is null")) {
            cursor.next();
            return ((Number) cursor.get(0)).longValue();
        }
    }
}
