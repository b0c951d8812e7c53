package dev.sluice.snowflake.fake;

import static dev.sluice.snowflake.fake.SnowflakeToDuckDb.significant;

import dev.sluice.snowflake.fake.SqlToken.Kind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs one Snowflake statement of a session on DuckDB: reads its kind from its leading words,
 * rewrites it strictly ({@link SnowflakeToDuckDb}) and answers as Snowflake would, with Snowflake's
 * statement type, status rows and DML counts. DDL inside an open transaction commits it first, as on
 * Snowflake. Not thread-safe: the caller holds the session's monitor.
 */
final class FakeStatements {
    /** Session parameters ALTER SESSION may set; anything else is an error. */
    private static final Set<String> SESSION_PARAMETERS = Set.of("QUERY_TAG", "TIMEZONE", "TIMESTAMP_TYPE_MAPPING",
            "WEEK_START", "STATEMENT_TIMEOUT_IN_SECONDS", "AUTOCOMMIT", "LOCK_TIMEOUT");

    private final FakeStages stages;
    private final StatementCanceller canceller;

    /** Cancels a running DuckDB statement after the session's STATEMENT_TIMEOUT_IN_SECONDS. */
    interface StatementCanceller {
        AutoCloseable watch(Statement statement, int seconds);
    }

    FakeStatements(FakeStages stages, StatementCanceller canceller) {
        this.stages = stages;
        this.canceller = canceller;
    }

    FakeResult run(FakeSession session, String sql, List<Object> bindings, boolean describeOnly) {
        String trimmed = sql.strip();
        if (trimmed.regionMatches(true, 0, "PUT", 0, 3)) {
            return new FakeResult(FakeResult.PUT, List.of(), List.of(), stages.put(trimmed));
        }
        if (trimmed.regionMatches(true, 0, "COPY", 0, 4)) {
            return new FakeCopy(stages, session).run(trimmed);
        }
        if (trimmed.regionMatches(true, 0, "REMOVE", 0, 6)) {
            String reference = trimmed.substring(6).strip();
            if (!reference.startsWith("@")) {
                throw FakeSqlException.syntax("REMOVE needs a stage");
            }
            stages.remove(stages.directory(reference.substring(1).split("/")[0]));
            return FakeResult.status(FakeResult.REMOVE, "removed");
        }
        List<SqlToken> tokens = new ArrayList<>(significant(SqlTokenizer.tokenize(sql)));
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty()) {
            throw FakeSqlException.syntax("empty statement");
        }
        SnowflakeToDuckDb rewriter = new SnowflakeToDuckDb(tokens, session.parameter("TIMESTAMP_TYPE_MAPPING"));
        String first = tokens.get(0).upper();
        return switch (first) {
            case "SELECT", "WITH" -> describeOnly ? describe(session, rewriter.range(0, tokens.size()))
                    : query(session, rewriter.range(0, tokens.size()), bindings);
            case "INSERT" -> dml(session, FakeResult.INSERT, "number of rows inserted", rewriter, tokens, bindings);
            case "DELETE" -> dml(session, FakeResult.DELETE, "number of rows deleted", rewriter, tokens, bindings);
            case "UPDATE" -> dml(session, FakeResult.UPDATE, "number of rows updated", rewriter, tokens, bindings);
            case "MERGE" -> dml(session, FakeResult.MERGE, "number of rows merged", rewriter, tokens, bindings);
            case "BEGIN", "START" -> begin(session);
            case "COMMIT" -> end(session, "COMMIT");
            case "ROLLBACK" -> end(session, "ROLLBACK");
            case "CREATE", "DROP", "ALTER", "USE" -> new FakeDdl(session, stages, rewriter, tokens, this).run();
            default -> throw FakeSqlException.unsupported("statements beginning with " + first);
        };
    }

    private FakeResult begin(FakeSession session) {
        if (!session.inTransaction()) {
            execute(session, "BEGIN TRANSACTION");
            session.transaction(true);
        }
        return FakeResult.status(FakeResult.TCL, "Statement executed successfully.");
    }

    private FakeResult end(FakeSession session, String how) {
        if (session.inTransaction()) {
            session.transaction(false);
            execute(session, how);
        }
        return FakeResult.status(FakeResult.TCL, "Statement executed successfully.");
    }

    /** Snowflake runs DDL in a transaction of its own, committing the one that was open. */
    void commitForDdl(FakeSession session) {
        if (session.inTransaction()) {
            session.transaction(false);
            execute(session, "COMMIT");
        }
    }

    private FakeResult dml(FakeSession session, long type, String column, SnowflakeToDuckDb rewriter,
            List<SqlToken> tokens, List<Object> bindings) {
        long count = update(session, rewriter.range(0, tokens.size()), bindings);
        return FakeResult.counts(type, column, count);
    }

    private FakeResult query(FakeSession session, String duckDb, List<Object> bindings) {
        try (PreparedStatement statement = session.connection().prepareStatement(duckDb);
                AutoCloseable watch = canceller.watch(statement, timeout(session))) {
            bind(statement, bindings);
            try (ResultSet rows = statement.executeQuery()) {
                return new FakeResult(FakeResult.SELECT, FakeRowsets.rowtype(rows.getMetaData()), FakeRowsets.rowset(rows),
                        Map.of());
            }
        } catch (SQLException e) {
            throw translate(e, duckDb);
        } catch (FakeSqlException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private FakeResult describe(FakeSession session, String duckDb) {
        try (PreparedStatement statement = session.connection().prepareStatement(duckDb)) {
            return new FakeResult(FakeResult.SELECT, FakeRowsets.rowtype(statement.getMetaData()), List.of(), Map.of());
        } catch (SQLException e) {
            throw translate(e, duckDb);
        }
    }

    /** Runs a statement that returns no rows; the rows it changed. */
    long update(FakeSession session, String duckDb, List<Object> bindings) {
        try (PreparedStatement statement = session.connection().prepareStatement(duckDb);
                AutoCloseable watch = canceller.watch(statement, timeout(session))) {
            bind(statement, bindings);
            statement.execute();
            return Math.max(0, statement.getUpdateCount());
        } catch (SQLException e) {
            throw translate(e, duckDb);
        } catch (FakeSqlException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(FakeSession session, String duckDb) {
        update(session, duckDb, List.of());
    }

    private static int timeout(FakeSession session) {
        String seconds = session.parameter("STATEMENT_TIMEOUT_IN_SECONDS");
        return seconds == null ? 0 : Integer.parseInt(seconds);
    }

    private static void bind(PreparedStatement statement, List<Object> bindings) throws SQLException {
        for (int i = 0; i < bindings.size(); i++) {
            statement.setObject(i + 1, bindings.get(i));
        }
    }

    /** DuckDB's error as the error Snowflake gives for the same cause. */
    static FakeSqlException translate(SQLException e, String duckDb) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("INTERRUPT") || message.contains("Interrupted")) {
            return new FakeSqlException(604, "57014", "SQL execution canceled");
        }
        if (message.contains("Catalog Error") && message.contains("does not exist")) {
            return FakeSqlException.notFound(message.replace("Catalog Error: ", ""));
        }
        if (message.contains("Parser Error")) {
            return FakeSqlException.unsupported("DuckDB could not parse the rewritten statement (" + message + "): "
                    + duckDb);
        }
        if (message.contains("Binder Error")) {
            return new FakeSqlException(904, "42000", "SQL compilation error: " + message);
        }
        if (message.contains("Constraint Error")) {
            return new FakeSqlException(100072, "22000", message);
        }
        return FakeSqlException.execution(message.toLowerCase(Locale.ROOT).contains("conversion")
                ? "Numeric value or date is not recognized: " + message : message);
    }

    static boolean isKind(List<SqlToken> tokens, int index, Kind kind) {
        return index < tokens.size() && tokens.get(index).kind() == kind;
    }

    static Set<String> sessionParameters() {
        return SESSION_PARAMETERS;
    }
}
