package dev.sluice.engine.materialize;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.ModelConfig.IterativeSettings;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.ColumnDefinition;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table computed by repeating one step until it stops changing (a fixpoint), inside the warehouse.
 * The model's SELECT is the step. Its first pass reads the {@code start} model; every later pass
 * reads, in the start model's place, the previous pass's result. After each pass the convergence
 * query counts the rows that changed (the symmetric difference of the two results, compared as
 * sets; with a {@code unique_key}, found by one join of the two results on the key, a row whose
 * other columns differ counting twice, as it would in the symmetric difference); at zero the
 * result is swapped in like a table. More than {@code max_iterations} passes fail
 * the build and leave the previous table untouched.
 *
 * <p>With a {@code unique_key}, a model whose table exists (and no {@code --full-refresh}) is built
 * incrementally: its template sees {@code is_incremental()} true and may read its own table
 * ({@code this}) to start from the previous fixpoint; the rows of the new fixpoint then replace the
 * table's rows with the same key, and the other rows stay (a fixpoint with no rows changes nothing and sends no
 * merge).
 *
 * <p>Every pass is logged and recorded in {@code sluice.iterations} (model, pass, rows changed), so a
 * run shows how many passes a model took. Stateless and thread-safe.
 */
final class IterativeStrategy implements MaterializationStrategy {
    static final String STATE_SUFFIX = "__sluice_state";
    static final String NEXT_SUFFIX = "__sluice_next";
    /** The table that keeps the passes of the latest build of each iterative model. */
    static final RelationName ITERATIONS = new RelationName("sluice", "iterations");
    private static final Logger LOG = LoggerFactory.getLogger(IterativeStrategy.class);

    @Override
    public Long build(MaterializeRequest request, WarehouseSession session) {
        IterativeSettings settings = request.iterative();
        String start = startRelation(request);
        Pattern reference = referencePattern(start);
        if (!reference.matcher(request.body()).find()) {
            throw new SluiceException(ErrorCode.MATERIALIZE, "an iterative model's step must read its start model "
                    + start + " (start=ref(\"" + settings.start() + "\") in the same schema as the model)");
        }
        request.ensureSchema(session);
        RelationName state = request.relation().withSuffix(STATE_SUFFIX);
        RelationName next = request.relation().withSuffix(NEXT_SUFFIX);
        WarehouseDialect dialect = request.dialect();
        String step = reference.matcher(request.body()).replaceAll(Matcher.quoteReplacement(dialect.relation(state)));
        recordStart(session, request.relation());
        try {
            // The suffixed tables are this strategy's own: dropped by name, without asking what they are first.
            session.execute(dialect.dropTableIfExists(state));
            session.execute(dialect.dropTableIfExists(next));
            List<String> columns = null;
            for (int pass = 1; pass <= settings.maxIterations(); pass++) {
                // Pass 1 reads the start model itself (no copy of it is made); later passes read the previous result.
                String previous = pass == 1 ? start : dialect.relation(state);
                session.execute(dialect.createTableAs(next, pass == 1 ? request.body() : step));
                if (columns == null) {
                    columns = session.describe(next).orElseThrow().columns().stream().map(WarehouseColumn::name).toList();
                }
                Change change = request.uniqueKey().isEmpty() ? changedRows(session, previous, next)
                        : changedRowsByKey(session, previous, next, request.uniqueKey(), columns);
                if (pass > 1) {
                    session.execute(dialect.dropTableIfExists(state));
                }
                session.execute(dialect.renameTable(next, state));
                record(session, request.relation(), pass, change.rows());
                LOG.info("{}: pass {} changed {} rows", request.relation(), pass, change.rows());
                if (change.rows() == 0) {
                    long rows = change.resultRows() >= 0 ? change.resultRows() : Relations.count(session, state);
                    if (request.incremental()) {
                        if (rows > 0) {
                            Relations.executeAll(session, request.capabilities(),
                                    dialect.mergeOnKey(request.relation(), state, request.uniqueKey(), columns));
                        }
                    } else {
                        Relations.swap(session, state, request.relation(), request.capabilities());
                    }
                    LOG.info("{}: converged after {} passes, {} rows{}", request.relation(), pass, rows,
                            request.incremental() ? " merged on " + request.uniqueKey() : "");
                    return rows;
                }
            }
            throw new SluiceException(ErrorCode.MATERIALIZE, "did not converge in max_iterations="
                    + settings.maxIterations() + " passes (see sluice.iterations for the rows each pass changed);"
                    + " raise max_iterations or check that the step reaches a fixpoint");
        } finally {
            session.execute(dialect.dropTableIfExists(next));
            session.execute(dialect.dropTableIfExists(state));
        }
    }

    /**
     * What one pass changed: {@code rows} changed (as counted in the symmetric difference), and the rows of its
     * result when the convergence query counted them ({@code -1} when it did not).
     */
    private record Change(long rows, long resultRows) {
    }

    /** How the compiled SQL names the start model: a relation in the model's own schema. */
    private static String startRelation(MaterializeRequest request) {
        String start = request.iterative().start().strip();
        if (start.contains(".")) {
            return start;
        }
        String name = start.startsWith("\"") ? start : request.dialect().identifier(start);
        return request.dialect().identifier(request.relation().schema()) + "." + name;
    }

    /** The start relation where it stands as a whole name, not as part of a longer one. */
    private static Pattern referencePattern(String start) {
        return Pattern.compile("(?<![\\w.\"$])" + Pattern.quote(start) + "(?![\\w\"$])", Pattern.CASE_INSENSITIVE);
    }

    private static Change changedRows(WarehouseSession session, String previous, RelationName next) {
        WarehouseDialect dialect = session.sqlDialect();
        // PostgreSQL (before 16) wants every subquery in FROM named
        String query = "select (select count(*) from (select * from " + dialect.relation(next) + " except select * from "
                + previous + ") as added) + (select count(*) from (select * from "
                + previous + " except select * from " + dialect.relation(next) + ") as removed)";
        try (var cursor = session.query(query)) {
            cursor.next();
            return new Change(((Number) cursor.get(0)).longValue(), -1);
        }
    }

    /**
     * {@link #changedRows}, for a step whose rows are unique on {@code uniqueKey} (as its merge needs): the
     * next pass's rows joined to the previous pass's on the key, instead of two set differences (each a
     * distinct over both results). Rows of the next pass with no partner were added, a partner with another
     * value in some column means a row changed (one row out, one in: it counts twice), and the previous
     * pass's rows that found no partner (its count less the partnered ones) were removed.
     */
    private static Change changedRowsByKey(WarehouseSession session, String previous, RelationName next,
            List<String> uniqueKey, List<String> columns) {
        WarehouseDialect dialect = session.sqlDialect();
        String on = uniqueKey.stream().map(key -> "n." + dialect.identifier(key) + " = p." + dialect.identifier(key))
                .collect(Collectors.joining(" and "));
        String firstKey = "p." + dialect.identifier(uniqueKey.get(0));
        String differs = columns.stream().filter(column -> uniqueKey.stream().noneMatch(column::equalsIgnoreCase))
                .map(column -> "n." + dialect.identifier(column) + " is distinct from p." + dialect.identifier(column))
                .collect(Collectors.joining(" or "));
        String query = "select count(*), coalesce(sum(case when " + firstKey + " is null then 1 else 0 end), 0), "
                + (differs.isEmpty() ? "0" : "coalesce(sum(case when " + firstKey + " is not null and (" + differs
                        + ") then 1 else 0 end), 0)")
                + ", (select count(*) from " + previous + ") from " + dialect.relation(next)
                + " n left join " + previous + " p on " + on;
        try (var cursor = session.query(query)) {
            cursor.next();
            long nextRows = ((Number) cursor.get(0)).longValue();
            long added = ((Number) cursor.get(1)).longValue();
            long changed = ((Number) cursor.get(2)).longValue();
            long previousRows = ((Number) cursor.get(3)).longValue();
            long removed = previousRows - (nextRows - added);
            return new Change(added + removed + 2 * changed, nextRows);
        }
    }

    private static void recordStart(WarehouseSession session, RelationName model) {
        session.createSchema(ITERATIONS.schema());
        WarehouseDialect dialect = session.sqlDialect();
        session.execute(dialect.createTableIfNotExists(ITERATIONS, List.of(
                ColumnDefinition.of(dialect, "model", LogicalType.VARCHAR),
                ColumnDefinition.of(dialect, "pass", LogicalType.INTEGER),
                ColumnDefinition.of(dialect, "changed_rows", LogicalType.BIGINT),
                ColumnDefinition.of(dialect, "recorded_at", LogicalType.TIMESTAMP))));
        session.execute("delete from " + dialect.relation(ITERATIONS) + " where model = "
                + dialect.textLiteral(model.toString()));
    }

    private static void record(WarehouseSession session, RelationName model, int pass, long changed) {
        WarehouseDialect dialect = session.sqlDialect();
        session.execute("insert into " + dialect.relation(ITERATIONS) + " values (" + dialect.textLiteral(model.toString()) + ", " + pass
                + ", " + changed + ", current_timestamp)");
    }

    @Override
    public String preview(MaterializeRequest request) {
        return "-- iterative: pass 1 reads " + startRelation(request) + "; each later pass reads the previous result"
                + " in its place, until no row changes (at most " + request.iterative().maxIterations() + " passes)\n"
                + TableStrategy.createAs(request.relation(), request);
    }
}
