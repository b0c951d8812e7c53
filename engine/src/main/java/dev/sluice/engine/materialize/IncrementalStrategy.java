package dev.sluice.engine.materialize;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.ColumnDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table that grows: the first run (or {@code --full-refresh}) builds it like a table; later runs
 * stage the new rows in a scratch table ({@link dev.sluice.spi.dialect.WarehouseDialect#stagingTable}: on DuckDB a
 * temporary table of the session, which costs no write-ahead log),
 * read its columns and the table's with one catalog lookup, count them (unless the catalog gave the count), then, in one transaction where the warehouse has them, run the dialect's
 * {@linkplain dev.sluice.spi.dialect.WarehouseDialect#mergeOnKey merge on the unique key} (without a key
 * the rows are appended). New columns are added to the table first. A run that stages no rows changes nothing
 * and sends no merge.
 *
 * <p>With a {@linkplain MaterializeRequest#deleteFlag() delete flag}, a staged row whose flag is true deletes the
 * table's rows with its key and is not inserted (a person merged into another, say), and the flag column never
 * becomes a column of the table: the first build keeps the rows whose flag is not true and drops the column.
 */
final class IncrementalStrategy implements MaterializationStrategy {
    static final String STAGE_SUFFIX = "__sluice_incr";

    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        if (!request.incremental()) {
            if (request.deleteFlag() == null) {
                return new TableStrategy().build(request, session);
            }
            return buildWithoutDeletions(request, session);
        }
        RelationName staged = request.dialect().stagingTable(request.relation(), STAGE_SUFFIX);
        // A scratch table replaced in place (one statement where the warehouse has it): no look first.
        request.dialect().replaceStagingTable(staged, request.body()).forEach(session::execute);
        try {
            // Both in one catalog query where the warehouse answers several relations of a schema at once.
            Map<RelationName, WarehouseRelation> described = session.describeAll(List.of(staged, request.relation()));
            List<String> columns = checkColumns(session, described, staged, request);
            // The staged rows, from the catalog where it holds them exactly (one round trip fewer).
            Long catalogRows = described.get(staged).rows();
            long rows = catalogRows != null ? catalogRows : Relations.count(session, staged);
            if (rows > 0) {
                Relations.executeAll(session, request.capabilities(), request.dialect().mergeOnKey(request.relation(),
                        staged, request.uniqueKey(), columns, request.deleteFlag()));
            }
            return rows;
        } finally {
            session.execute(request.dialect().dropTableIfExists(staged));
        }
    }

    /**
     * A first build (or {@code --full-refresh}) of a model with a delete flag: its rows but the deletions, built like
     * a table, then the flag column dropped (one statement on each warehouse, without rewriting the rows).
     */
    private static Long buildWithoutDeletions(MaterializeRequest request, WarehouseSession session) {
        Long rows = new TableStrategy().build(withoutDeletions(request), session);
        session.execute(request.dialect().dropColumn(request.relation(), request.deleteFlag()));
        return rows;
    }

    private static MaterializeRequest withoutDeletions(MaterializeRequest request) {
        String kept = "select * from (\n" + request.body() + "\n) as sluice_rows where "
                + request.dialect().notDeleted(request.deleteFlag());
        return new MaterializeRequest(request.relation(), kept, request.uniqueKey(), false, request.dialect(),
                request.capabilities(), null, null, request.deleteFlag(), request.schemaReady());
    }

    /**
     * The staged columns, after checking the unique key is among them. Columns the table lacks (a new
     * event property, say) are added to it, so the data decides the columns; earlier rows read NULL there.
     */
    private static List<String> checkColumns(WarehouseSession session, Map<RelationName, WarehouseRelation> described,
            RelationName staged, MaterializeRequest request) {
        String deleteFlag = request.deleteFlag();
        List<WarehouseColumn> stagedColumns = described.get(staged).columns().stream()
                .filter(column -> deleteFlag == null || !column.name().equalsIgnoreCase(deleteFlag)).toList();
        if (deleteFlag != null && stagedColumns.size() == described.get(staged).columns().size()) {
            throw new SluiceException(ErrorCode.MATERIALIZE, "delete_flag column \"" + deleteFlag
                    + "\" is not among the model's columns " + stagedColumns.stream().map(WarehouseColumn::name).toList());
        }
        Set<String> existing = described.get(request.relation()).columns().stream()
                .map(column -> column.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (WarehouseColumn column : stagedColumns) {
            if (!existing.contains(column.name().toLowerCase(Locale.ROOT))) {
                session.execute(request.dialect().addColumn(request.relation(),
                        new ColumnDefinition(column.name(), column.type())));
            }
        }
        List<String> names = stagedColumns.stream().map(WarehouseColumn::name).toList();
        Set<String> stagedNames = names.stream().map(column -> column.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        for (String key : request.uniqueKey()) {
            if (!stagedNames.contains(key.toLowerCase(Locale.ROOT))) {
                throw new SluiceException(ErrorCode.MATERIALIZE, "unique_key column \"" + key
                        + "\" is not among the model's columns " + names);
            }
        }
        return names;
    }

    @Override
    public String preview(MaterializeRequest request) {
        if (!request.incremental()) {
            if (request.deleteFlag() != null) {
                return "-- first build or --full-refresh: built like a table without the rows whose "
                        + request.deleteFlag() + " is true, then that column dropped\n"
                        + TableStrategy.createAs(request.relation(), withoutDeletions(request));
            }
            return "-- first build or --full-refresh: built like a table\n"
                    + TableStrategy.createAs(request.relation(), request);
        }
        String key = request.uniqueKey().isEmpty() ? "appended" : "merged on " + request.uniqueKey()
                + (request.deleteFlag() == null ? "" : ", rows whose " + request.deleteFlag() + " is true deleting");
        RelationName staged = request.dialect().stagingTable(request.relation(), STAGE_SUFFIX);
        List<String> stage = request.dialect().replaceStagingTable(staged, request.body());
        return "-- incremental: staged as " + request.dialect().relation(staged) + ", then " + key + "\n"
                + stage.get(stage.size() - 1);
    }
}
