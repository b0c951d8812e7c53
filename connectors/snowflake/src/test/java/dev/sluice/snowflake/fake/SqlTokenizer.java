package dev.sluice.snowflake.fake;

import dev.sluice.snowflake.fake.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits Snowflake SQL into {@link SqlToken}s. What it cannot read is a {@link FakeSqlException}. Stateless. */
final class SqlTokenizer {
    private SqlTokenizer() {}

    static List<SqlToken> tokenize(String sql) {
        List<SqlToken> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                tokens.add(new SqlToken(Kind.SPACE, sql.substring(start, i)));
            } else if (sql.startsWith("--", i)) {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                tokens.add(new SqlToken(Kind.SPACE, sql.substring(start, i)));
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw FakeSqlException.syntax("unterminated comment at " + i);
                }
                i = end + 2;
                tokens.add(new SqlToken(Kind.SPACE, sql.substring(start, i)));
            } else if (c == '\'') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw FakeSqlException.syntax("unterminated string literal at " + start);
                    }
                    char d = sql.charAt(i);
                    if (d == '\\') {
                        i += 2;
                    } else if (d == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else {
                        i++;
                    }
                }
                tokens.add(new SqlToken(Kind.STRING, sql.substring(start, i)));
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw FakeSqlException.syntax("unterminated quoted identifier at " + start);
                    }
                    if (sql.charAt(i) == '"' && i + 1 < n && sql.charAt(i + 1) == '"') {
                        i += 2;
                    } else if (sql.charAt(i) == '"') {
                        i++;
                        break;
                    } else {
                        i++;
                    }
                }
                tokens.add(new SqlToken(Kind.QUOTED, sql.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(new SqlToken(Kind.WORD, sql.substring(start, i)));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
                    i++;
                    if (i < n && (sql.charAt(i) == '+' || sql.charAt(i) == '-')) {
                        i++;
                    }
                    while (i < n && Character.isDigit(sql.charAt(i))) {
                        i++;
                    }
                }
                tokens.add(new SqlToken(Kind.NUMBER, sql.substring(start, i)));
            } else if (c == '?') {
                i++;
                tokens.add(new SqlToken(Kind.PARAMETER, "?"));
            } else if (c == '$') {
                throw FakeSqlException.unsupported("'$' (positional columns or $$ strings) at " + i);
            } else {
                String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                if (List.of("::", "||", "<=", ">=", "<>", "!=", "=>").contains(two)) {
                    i += 2;
                    tokens.add(new SqlToken(Kind.SYMBOL, two));
                } else if ("(),.;=<>+-*/%".indexOf(c) >= 0) {
                    i++;
                    tokens.add(new SqlToken(Kind.SYMBOL, String.valueOf(c)));
                } else {
                    throw FakeSqlException.unsupported("the character '" + c + "' at " + i);
                }
            }
        }
        return tokens;
    }
}
