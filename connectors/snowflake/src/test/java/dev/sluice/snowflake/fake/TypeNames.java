package dev.sluice.snowflake.fake;

import java.util.List;

/**
 * Snowflake type names as DuckDB types of the same values. Stateless.
 *
 * <p>{@code INT} and friends are Snowflake's {@code NUMBER(38,0)}: DuckDB's {@code BIGINT} holds what
 * the tests use and reads back as a scale-0 FIXED. {@code FLOAT} is a double in Snowflake, a single
 * in DuckDB: mapped to {@code DOUBLE}. A bare {@code TIMESTAMP} follows {@code TIMESTAMP_TYPE_MAPPING},
 * which the fake accepts only as {@code TIMESTAMP_NTZ}.
 */
final class TypeNames {
    private TypeNames() {}

    /** The parsed type: its DuckDB spelling and the index of the token after it. */
    record Parsed(String duckDb, int next) {}

    /**
     * Reads a type name starting at {@code index} (a WORD) in {@code tokens} (no SPACE tokens).
     *
     * @throws FakeSqlException for a type the fake does not map
     */
    static Parsed parse(List<SqlToken> tokens, int index, String timestampMapping) {
        SqlToken first = tokens.get(index);
        if (first.kind() != SqlToken.Kind.WORD) {
            throw FakeSqlException.syntax("expected a type name, found " + first.text());
        }
        String name = first.upper();
        int next = index + 1;
        List<String> arguments = List.of();
        if (next < tokens.size() && tokens.get(next).isSymbol("(")) {
            int close = next + 1;
            java.util.ArrayList<String> read = new java.util.ArrayList<>();
            while (close < tokens.size() && !tokens.get(close).isSymbol(")")) {
                if (tokens.get(close).kind() == SqlToken.Kind.NUMBER) {
                    read.add(tokens.get(close).text());
                } else if (!tokens.get(close).isSymbol(",")) {
                    throw FakeSqlException.unsupported("type arguments " + tokens.get(close).text());
                }
                close++;
            }
            arguments = read;
            next = close + 1;
        }
        if (name.equals("DOUBLE") && next < tokens.size() && tokens.get(next).isWord("PRECISION")) {
            next++;
        }
        String duckDb = switch (name) {
            case "NUMBER", "NUMERIC", "DECIMAL" -> arguments.isEmpty() ? "DECIMAL(38,0)"
                    : arguments.size() == 1 ? "DECIMAL(" + arguments.get(0) + ",0)"
                    : "DECIMAL(" + arguments.get(0) + "," + arguments.get(1) + ")";
            case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT" -> "BIGINT";
            case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "REAL" -> "DOUBLE";
            case "VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER" -> "VARCHAR";
            case "BOOLEAN" -> "BOOLEAN";
            case "DATE" -> "DATE";
            case "TIME" -> "TIME";
            case "TIMESTAMP_NTZ", "DATETIME" -> "TIMESTAMP";
            case "TIMESTAMP" -> {
                if (!"TIMESTAMP_NTZ".equals(timestampMapping)) {
                    throw FakeSqlException.unsupported("TIMESTAMP under TIMESTAMP_TYPE_MAPPING=" + timestampMapping
                            + " (the fake maps only TIMESTAMP_NTZ)");
                }
                yield "TIMESTAMP";
            }
            case "TIMESTAMP_TZ" -> "TIMESTAMPTZ";
            case "VARIANT", "OBJECT", "ARRAY" -> "JSON";
            case "BINARY", "VARBINARY" -> "BLOB";
            default -> throw FakeSqlException.unsupported("the type " + name);
        };
        return new Parsed(duckDb, next);
    }
}
