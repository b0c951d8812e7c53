package dev.sluice.engine.materialize;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.ModelConfig.SnapshotSettings;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A snapshot (slowly changing dimension, type 2): the table keeps every version of each row, with
 * {@code sluice_valid_from} and {@code sluice_valid_to} (NULL while current). Each run stages the
 * query, then in one transaction closes the current versions that changed (a newer
 * {@code updated_at}, or a difference in {@code check_cols}), optionally closes rows that vanished,
 * and inserts the new versions.
 *
 * <p>Each key has at most one current version and its versions' intervals never overlap: keys are
 * compared null-safely, a query that returns two rows for one key fails the run before anything
 * changes, and a version never starts before the key's previous version ended (a row that comes
 * back after it was closed as deleted, with an {@code updated_at} from before that, starts when
 * this run saw it). Stateless and thread-safe.
 */
final class SnapshotStrategy implements MaterializationStrategy {
    private static final String VALID_FROM = SnapshotSettings.VALID_FROM;
    private static final String VALID_TO = SnapshotSettings.VALID_TO;
    static final String STAGE_SUFFIX = "__sluice_snapshot";

    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        SnapshotSettings settings = request.snapshot();
        WarehouseDialect dialect = request.dialect();
        String now = dialect.timestampLiteral(LocalDateTime.now(ZoneOffset.UTC));
        String timestamp = dialect.typeName(LogicalType.TIMESTAMP);
        String validFrom = settings.updatedAt() != null ? "staged." + request.dialect().identifier(settings.updatedAt()) : now;
        if (session.describe(request.relation()).isEmpty()) {
            request.ensureSchema(session);
            RelationName built = request.relation().withSuffix(Relations.BUILD_SUFFIX);
            Relations.drop(session, built);
            session.execute(dialect.createTableAs(built, "select staged.*, cast(" + validFrom + " as " + timestamp
                    + ") as " + VALID_FROM + ", cast(null as " + timestamp + ") as " + VALID_TO + "\nfrom (\n"
                    + request.body() + "\n) as staged"));
            try {
                checkOneRowPerKey(session, built, request);
            } catch (RuntimeException e) {
                Relations.drop(session, built);
                throw e;
            }
            long rows = Relations.count(session, built);
            Relations.swap(session, built, request.relation(), request.capabilities());
            return rows;
        }
        RelationName staged = request.relation().withSuffix(STAGE_SUFFIX);
        Relations.drop(session, staged);
        session.execute(TableStrategy.createAs(staged, request));
        try {
            List<String> columns = session.describe(staged).orElseThrow().columns().stream().map(WarehouseColumn::name)
                    .toList();
            checkColumns(columns, request, settings);
            checkOneRowPerKey(session, staged, request);
            String target = request.dialect().relation(request.relation());
            String sameKey = request.uniqueKey().stream()
                    .map(key -> "snapshot." + request.dialect().identifier(key) + " is not distinct from staged." + request.dialect().identifier(key))
                    .collect(Collectors.joining(" and "));
            String changed = settings.updatedAt() != null
                    ? "staged." + request.dialect().identifier(settings.updatedAt()) + " > snapshot." + request.dialect().identifier(settings.updatedAt())
                    : settings.checkColumns().stream().map(column -> "staged." + request.dialect().identifier(column)
                            + " is distinct from snapshot." + request.dialect().identifier(column)).collect(Collectors.joining(" or "));
            boolean transactional = request.capabilities().contains(WarehouseCapability.TRANSACTIONAL_DDL);
            if (transactional) {
                session.begin();
            }
            try {
                // A version closes when its successor starts; a successor never starts before the
                // version it replaces, so a source timestamp older than that start is taken as now.
                String successorStart = "case when cast(" + validFrom + " as " + timestamp + ") > snapshot." + VALID_FROM
                        + " then cast(" + validFrom + " as " + timestamp + ") else greatest(" + now + ", snapshot." + VALID_FROM
                        + ") end";
                session.execute("update " + target + " as snapshot set " + VALID_TO + " = " + successorStart + " from "
                        + request.dialect().relation(staged) + " as staged where " + sameKey + " and snapshot." + VALID_TO
                        + " is null and (" + changed + ")");
                if (settings.invalidateHardDeletes()) {
                    session.execute("update " + target + " as snapshot set " + VALID_TO + " = greatest(" + now
                            + ", snapshot." + VALID_FROM + ") where snapshot." + VALID_TO + " is null and not exists"
                            + " (select 1 from " + request.dialect().relation(staged) + " as staged where " + sameKey + ")");
                }
                String columnList = columns.stream().map(column -> request.dialect().identifier(column)).collect(Collectors.joining(", "));
                String stagedColumns = columns.stream().map(column -> "staged." + request.dialect().identifier(column))
                        .collect(Collectors.joining(", "));
                String previousEnd = "(select max(snapshot." + VALID_TO + ") from " + target + " as snapshot where "
                        + sameKey + ")";
                String start = "case when " + previousEnd + " is null or cast(" + validFrom + " as " + timestamp + ") >= "
                        + previousEnd + " then cast(" + validFrom + " as " + timestamp + ") else greatest(" + now + ", "
                        + previousEnd + ") end";
                long inserted = session.execute("insert into " + target + " (" + columnList + ", " + VALID_FROM + ", "
                        + VALID_TO + ")\nselect " + stagedColumns + ", " + start + ", null from "
                        + request.dialect().relation(staged) + " as staged where not exists (select 1 from " + target
                        + " as snapshot where " + sameKey + " and snapshot." + VALID_TO + " is null)");
                if (transactional) {
                    session.commit();
                }
                return Math.max(0, inserted);
            } catch (RuntimeException e) {
                if (transactional) {
                    session.rollback();
                }
                throw e;
            }
        } finally {
            Relations.drop(session, staged);
        }
    }

    /** Fails, naming one key and its count, when {@code table} holds more than one row for a key. */
    private static void checkOneRowPerKey(WarehouseSession session, RelationName table, MaterializeRequest request) {
        String keys = request.uniqueKey().stream().map(key -> request.dialect().identifier(key)).collect(Collectors.joining(", "));
        try (var cursor = session.query("select count(*), " + keys + " from " + request.dialect().relation(table) + " group by " + keys
                + " having count(*) > 1 limit 1")) {
            if (cursor.next()) {
                List<String> values = new java.util.ArrayList<>();
                for (int index = 1; index <= request.uniqueKey().size(); index++) {
                    values.add(String.valueOf(cursor.get(index)));
                }
                throw new SluiceException(ErrorCode.MATERIALIZE, "snapshot query returns "
                        + ((Number) cursor.get(0)).longValue() + " rows for unique_key ("
                        + String.join(", ", request.uniqueKey()) + ") = (" + String.join(", ", values)
                        + "); a snapshot keeps one version per key, so its query must return one row per key"
                        + " (nothing was changed)");
            }
        }
    }

    private static void checkColumns(List<String> columns, MaterializeRequest request, SnapshotSettings settings) {
        List<String> lower = columns.stream().map(column -> column.toLowerCase(Locale.ROOT)).toList();
        for (String needed : concat(request.uniqueKey(), settings)) {
            if (!lower.contains(needed.toLowerCase(Locale.ROOT))) {
                throw new SluiceException(ErrorCode.MATERIALIZE, "snapshot column \"" + needed
                        + "\" is not among the query's columns " + columns);
            }
        }
    }

    private static List<String> concat(List<String> keys, SnapshotSettings settings) {
        return settings.updatedAt() == null ? java.util.stream.Stream.concat(keys.stream(),
                settings.checkColumns().stream()).toList()
                : java.util.stream.Stream.concat(keys.stream(), java.util.stream.Stream.of(settings.updatedAt())).toList();
    }

    @Override
    public String preview(MaterializeRequest request) {
        return "-- snapshot: staged as " + request.dialect().relation(request.relation().withSuffix(STAGE_SUFFIX))
                + ", changed rows closed and new versions inserted on " + request.uniqueKey() + "\n"
                + TableStrategy.createAs(request.relation().withSuffix(STAGE_SUFFIX), request);
    }
}
