package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns Calcite's parse errors into one line a person can act on: {@code unexpected "FROM"; expected
 * an expression} instead of JavaCC's list of fifty token kinds. The offending token is read from the
 * SQL text at the reported position, so this works for any generated Calcite parser.
 *
 * <p>Stateless and thread-safe.
 */
final class ParseProblems {
    /** Tokens worth naming when the parser expects many things; in the order a reader thinks of them. */
    private static final List<String> USEFUL_TOKENS = List.of(
            "\")\"", "\",\"", "\"FROM\"", "\"AS\"", "\"ON\"", "\"THEN\"", "\"END\"", "\"AND\"", "\"WHERE\"",
            "\"GROUP\"", "\"HAVING\"", "\"ORDER\"", "\"LIMIT\"", "\"UNION\"");
    private static final int MAX_LISTED = 5;
    static final String TOO_DEEP = "the query is nested too deeply for Sluice's SQL front end; split it with CTEs";

    private ParseProblems() {}

    static SqlProblem from(SqlParseException exception, String sql) {
        SqlParserPos position = exception.getPos();
        int line = position == null ? 0 : position.getLineNum();
        int column = position == null ? 0 : position.getColumnNum();
        if (exception.getCause() instanceof StackOverflowError) {
            return new SqlProblem(SqlProblem.Kind.SYNTAX, TOO_DEEP, 0, 0, null);
        }
        Collection<String> expected = exception.getExpectedTokenNames();
        if (expected.isEmpty()) {
            // Not a token mismatch: a lexical error, or a rule Calcite checks by hand (then its own words).
            boolean lexical = exception.getCause() != null
                    && exception.getCause().getClass().getSimpleName().equals("TokenMgrError");
            String token = tokenAt(sql, line, column);
            String message = lexical && token != null ? "unexpected character " + describe(token)
                    : SqlMessages.friendly(firstLine(exception.getMessage()));
            return new SqlProblem(SqlProblem.Kind.SYNTAX, message, line, column, null);
        }
        OffendingToken offending = OffendingToken.of(exception);
        if (offending != null) {
            line = offending.line();
            column = offending.column();
        }
        String token = offending != null && offending.endOfInput() ? null : tokenAt(sql, line, column);
        return new SqlProblem(SqlProblem.Kind.SYNTAX, "unexpected " + describe(token) + expectation(expected),
                line, column, null);
    }

    private static String describe(String token) {
        return token == null ? "end of input" : '"' + token + '"';
    }

    private static String expectation(Collection<String> expected) {
        boolean name = expected.stream().anyMatch(t -> t.endsWith("IDENTIFIER>"));
        boolean literal = expected.stream().anyMatch(t -> t.endsWith("LITERAL>") || t.equals("<QUOTED_STRING>"));
        if (name && literal) {
            return "; expected an expression";
        }
        if (name && expected.contains("\"LATERAL\"")) {
            return "; expected a table name or subquery";
        }
        List<String> listed = new ArrayList<>();
        if (name) {
            listed.add("a name");
        }
        if (expected.size() <= MAX_LISTED) {
            expected.stream().filter(t -> !t.startsWith("<")).forEach(listed::add);
        } else {
            USEFUL_TOKENS.stream().filter(expected::contains).limit(MAX_LISTED).forEach(listed::add);
        }
        if (expected.contains("<EOF>")) {
            listed.add("end of input");
        }
        if (listed.isEmpty()) {
            return "";
        }
        if (expected.size() > MAX_LISTED) {
            return "; expected " + String.join(", ", listed) + ", ...";
        }
        return "; expected " + (listed.size() == 1 ? listed.get(0) : "one of " + String.join(", ", listed));
    }

    /** The token starting at a 1-based line/column, as written; {@code null} at the end of the text. */
    static String tokenAt(String sql, int line, int column) {
        int offset = offsetOf(sql, line, column);
        if (offset < 0 || offset >= sql.length() || sql.substring(offset).isBlank()) {
            return null;
        }
        char first = sql.charAt(offset);
        int end = offset + 1;
        if (Character.isLetterOrDigit(first) || first == '_') {
            while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                end++;
            }
        } else if (first == '\'' || first == '"') {
            int close = sql.indexOf(first, offset + 1);
            end = close < 0 ? sql.length() : close + 1;
        } else if (end < sql.length() && "<>=!|:-".indexOf(sql.charAt(end)) >= 0 && "<>=!|:-".indexOf(first) >= 0) {
            end++;
        }
        return sql.substring(offset, end);
    }

    private static int offsetOf(String sql, int line, int column) {
        if (line < 1 || column < 1) {
            return -1;
        }
        int offset = 0;
        for (int current = 1; current < line; current++) {
            offset = sql.indexOf('\n', offset) + 1;
            if (offset == 0) {
                return -1;
            }
        }
        return offset + column - 1;
    }

    private static String firstLine(String message) {
        String text = message == null ? "syntax error" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
