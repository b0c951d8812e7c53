package dev.sluice.engine.sql;

/**
 * Reads the raw SQL text once, before Calcite does, for the things Calcite's lexer would get
 * silently wrong or report badly:
 * <ul>
 *   <li>Snowflake's {@code //} line comments: Sluice's grammar reads {@code //} as DuckDB's integer
 *       division, so in Snowflake models the comment is blanked out (spaces keep every position);</li>
 *   <li>an unterminated string, quoted identifier or block comment (Calcite's message names a token
 *       far from the cause);</li>
 *   <li>a trailing {@code ;}, which DuckDB accepts and Calcite's single-statement parser does not;</li>
 *   <li>Snowflake's type {@code NUMBER(p, s)} after {@code ::} or {@code AS}, which Calcite's grammar does not
 *       know with arguments: it is read as {@code DEC(p, s)}, the same type.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class SqlTextPreflight {
    private SqlTextPreflight() {}

    /**
     * @return the text to parse: {@code sql} with a trailing {@code ;} (and, in Snowflake, {@code //}
     *     comments) replaced by spaces, so every line and column stays where the author wrote it
     * @throws SqlProblemException kind SYNTAX, positioned at the offending character
     */
    static String check(String sql, ModelDialect dialect) {
        StringBuilder text = new StringBuilder(sql);
        int line = 1;
        int lineStart = 0;
        int index = 0;
        int lastSignificant = -1;
        int length = sql.length();
        while (index < length) {
            char current = sql.charAt(index);
            char next = index + 1 < length ? sql.charAt(index + 1) : '\0';
            int end;
            String unterminated = null;
            if (current == '\'') {
                end = skipQuoted(sql, index, '\'', isEscapeString(sql, index));
                unterminated = "string literal";
            } else if (current == '"') {
                end = skipQuoted(sql, index, '"', false);
                unterminated = "quoted identifier";
            } else if (current == '-' && next == '-') {
                end = skipUntil(sql, index + 2, "\n");
            } else if (current == '/' && next == '*') {
                end = skipUntil(sql, index + 2, "*/");
                unterminated = end < 0 ? "comment" : null;
            } else if (current == '/' && next == '/' && dialect == ModelDialect.SNOWFLAKE) {
                end = skipUntil(sql, index + 2, "\n");
                for (int position = index; position < end && sql.charAt(position) != '\n'; position++) {
                    text.setCharAt(position, ' ');
                }
            } else if (dialect == ModelDialect.SNOWFLAKE && isNumberType(sql, index)) {
                // Snowflake's NUMBER(p, s) is DECIMAL(p, s); the grammar knows it as DEC (same length: no position moves)
                text.replace(index, index + NUMBER.length(), "dec   ");
                end = index + NUMBER.length();
            } else {
                end = index + 1;
            }
            if (end < 0) {
                throw syntax("unterminated " + unterminated + " (no closing "
                        + (current == '/' ? "*/" : String.valueOf(current)) + ")", line, index - lineStart + 1);
            }
            if (!Character.isWhitespace(current) && !isComment(current, next, dialect)) {
                lastSignificant = index;
            }
            // Skipped regions (strings, comments) may span lines: keep the line count right.
            for (int position = index; position < end; position++) {
                if (sql.charAt(position) == '\n') {
                    line++;
                    lineStart = position + 1;
                }
            }
            index = end;
        }
        if (lastSignificant >= 0 && sql.charAt(lastSignificant) == ';') {
            text.setCharAt(lastSignificant, ' ');
        }
        return text.toString();
    }

    private static final String NUMBER = "number";

    /** Whether {@code NUMBER(} at {@code index} names a type: after {@code ::} or {@code AS}, before {@code (}. */
    private static boolean isNumberType(String sql, int index) {
        int after = index + NUMBER.length();
        if (!sql.regionMatches(true, index, NUMBER, 0, NUMBER.length())
                || index > 0 && Character.isJavaIdentifierPart(sql.charAt(index - 1))
                || after < sql.length() && Character.isJavaIdentifierPart(sql.charAt(after))) {
            return false;
        }
        while (after < sql.length() && Character.isWhitespace(sql.charAt(after))) {
            after++;
        }
        int before = index - 1;
        while (before >= 0 && Character.isWhitespace(sql.charAt(before))) {
            before--;
        }
        boolean cast = before >= 1 && sql.startsWith("::", before - 1)
                || before >= 1 && sql.regionMatches(true, before - 1, "as", 0, 2)
                        && (before < 2 || !Character.isJavaIdentifierPart(sql.charAt(before - 2)));
        return cast && after < sql.length() && sql.charAt(after) == '(';
    }

    private static boolean isComment(char current, char next, ModelDialect dialect) {
        return (current == '-' && next == '-') || (current == '/' && next == '*')
                || (current == '/' && next == '/' && dialect == ModelDialect.SNOWFLAKE);
    }

    /** DuckDB's {@code E'...'} strings use backslash escapes, so {@code E'\''} does not end at the second quote. */
    private static boolean isEscapeString(String sql, int quote) {
        if (quote == 0 || Character.toUpperCase(sql.charAt(quote - 1)) != 'E') {
            return false;
        }
        return quote == 1 || !Character.isJavaIdentifierPart(sql.charAt(quote - 2));
    }

    /** Returns the index after the closing quote, or -1 if there is none; a doubled quote is an escaped quote. */
    private static int skipQuoted(String sql, int open, char quote, boolean backslashEscapes) {
        int index = open + 1;
        while (index < sql.length()) {
            char current = sql.charAt(index);
            if (backslashEscapes && current == '\\') {
                index += 2;
            } else if (current == quote) {
                if (index + 1 < sql.length() && sql.charAt(index + 1) == quote) {
                    index += 2;
                } else {
                    return index + 1;
                }
            } else {
                index++;
            }
        }
        return -1;
    }

    /** A line comment may end at the end of the text; a block comment may not (returns -1). */
    private static int skipUntil(String sql, int from, String terminator) {
        int found = sql.indexOf(terminator, from);
        if (found >= 0) {
            return found + terminator.length();
        }
        return terminator.equals("\n") ? sql.length() : -1;
    }

    private static SqlProblemException syntax(String message, int line, int column) {
        return new SqlProblemException(new SqlProblem(SqlProblem.Kind.SYNTAX, message, line, column, null), null);
    }
}
