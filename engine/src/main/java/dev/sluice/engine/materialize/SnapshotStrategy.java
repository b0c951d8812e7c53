package dev.sluice.engine.materialize;

import static dev.sluice.engine.model.Identifiers.identifier;
import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.ModelConfig.SnapshotSettings;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseSession;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A snapshot (slowly changing dimension, type 2): the table keeps every version of each row, with
 * {@code sluice_valid_from} and {@code sluice_valid_to} (NULL while current). Each run stages the
 * query, then in one transaction closes the current versions that changed (a newer
 * {@code updated_at}, or a difference in {@code check_cols}), optionally closes rows that vanished,
 * and inserts the new versions.
 */
final class SnapshotStrategy implements MaterializationStrategy {
    private static final String VALID_FROM = SnapshotSettings.VALID_FROM;
    private static final String VALID_TO = SnapshotSettings.VALID_TO;
    static final String STAGE_SUFFIX = "__sluice_snapshot";

    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        SnapshotSettings settings = request.snapshot();
        String now = "timestamp '" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .replace('T', ' ') + "'";
        String validFrom = settings.updatedAt() != null ? "staged." + identifier(settings.updatedAt()) : now;
        if (session.describe(request.relation()).isEmpty()) {
            session.createSchema(request.relation().schema());
            RelationName built = request.relation().withSuffix(Relations.BUILD_SUFFIX);
            Relations.drop(session, built);
            session.execute("create table " + relation(built) + " as\nselect staged.*, cast(" + validFrom + " as timestamp)"
                    + " as " + VALID_FROM + ", cast(null as timestamp) as " + VALID_TO + "\nfrom (\n" + request.body()
                    + "\n) as staged");
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
            String target = relation(request.relation());
            String sameKey = request.uniqueKey().stream()
                    .map(key -> "snapshot." + identifier(key) + " = staged." + identifier(key))
                    .collect(Collectors.joining(" and "));
            String changed = settings.updatedAt() != null
                    ? "staged." + identifier(settings.updatedAt()) + " > snapshot." + identifier(settings.updatedAt())
                    : settings.checkColumns().stream().map(column -> "staged." + identifier(column)
                            + " is distinct from snapshot." + identifier(column)).collect(Collectors.joining(" or "));
            boolean transactional = request.capabilities().contains(WarehouseCapability.TRANSACTIONAL_DDL);
            if (transactional) {
                session.begin();
            }
            try {
                session.execute("update " + target + " as snapshot set " + VALID_TO + " = cast("
                        + validFrom + " as timestamp) from " + relation(staged) + " as staged where " + sameKey
                        + " and snapshot." + VALID_TO + " is null and (" + changed + ")");
                if (settings.invalidateHardDeletes()) {
                    session.execute("update " + target + " as snapshot set " + VALID_TO + " = " + now + " where snapshot."
                            + VALID_TO + " is null and not exists (select 1 from " + relation(staged) + " as staged where "
                            + sameKey + ")");
                }
                String columnList = columns.stream().map(column -> identifier(column)).collect(Collectors.joining(", "));
                String stagedColumns = columns.stream().map(column -> "staged." + identifier(column))
                        .collect(Collectors.joining(", "));
                long inserted = session.execute("insert into " + target + " (" + columnList + ", " + VALID_FROM + ", "
                        + VALID_TO + ")\nselect " + stagedColumns + ", cast(" + validFrom + " as timestamp), null from "
                        + relation(staged) + " as staged where not exists (select 1 from " + target
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
        return "-- snapshot: staged as " + relation(request.relation().withSuffix(STAGE_SUFFIX))
                + ", changed rows closed and new versions inserted on " + request.uniqueKey() + "\n"
                + TableStrategy.createAs(request.relation().withSuffix(STAGE_SUFFIX), request);
    }
}
