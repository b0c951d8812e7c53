package dev.sluice.snowflake.fake;

/**
 * The fake cannot run a statement. It answers as Snowflake answers a compilation error, so the
 * driver throws, and the message says whether Snowflake would reject it too or only the fake.
 */
final class FakeSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String sqlState;

    FakeSqlException(int code, String sqlState, String message) {
        super(message);
        this.code = code;
        this.sqlState = sqlState;
    }

    /** SQL that Snowflake itself would reject. */
    static FakeSqlException syntax(String message) {
        return new FakeSqlException(1003, "42000", "SQL compilation error: syntax error: " + message);
    }

    /** SQL the fake does not understand: an error, never a guess. */
    static FakeSqlException unsupported(String message) {
        return new FakeSqlException(1003, "0A000", "fake Snowflake cannot run this statement: " + message);
    }

    /** A statement Snowflake would compile but fail at run time (DuckDB's message, relayed). */
    static FakeSqlException execution(String message) {
        return new FakeSqlException(100038, "22000", message);
    }

    static FakeSqlException notFound(String message) {
        return new FakeSqlException(2003, "42S02", "SQL compilation error:\n" + message);
    }

    int code() {
        return code;
    }

    String sqlState() {
        return sqlState;
    }
}
