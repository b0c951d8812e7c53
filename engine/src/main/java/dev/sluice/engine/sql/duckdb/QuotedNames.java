package dev.sluice.engine.sql.duckdb;

import dev.sluice.engine.sql.TranslationRefusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quoted names of a Snowflake query that are not all upper case, as written. Snowflake matches a quoted name in
 * its case ({@code "email"} is not the column {@code email}, which it stores as {@code EMAIL}); DuckDB matches names in
 * any case, so such a name could read another column than in Snowflake. Read from the text, because validation
 * replaces each name by the catalog's spelling.
 *
 * <p>Stateless and thread-safe.
 */
final class QuotedNames {
    private QuotedNames() {}

    /** A refusal for each double-quoted name with a lower-case letter, outside string literals and comments. */
    static List<TranslationRefusal> lowerCase(String sql) {
        List<TranslationRefusal> refusals = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int index = 0;
        while (index < sql.length()) {
            char c = sql.charAt(index);
            if (c == '\n') {
                line++;
                lineStart = index + 1;
                index++;
            } else if (c == '\'') {
                index = closing(sql, index, '\'');
            } else if (sql.startsWith("--", index) || sql.startsWith("//", index)) {
                int end = sql.indexOf('\n', index);
                index = end < 0 ? sql.length() : end;
            } else if (sql.startsWith("/*", index)) {
                int end = sql.indexOf("*/", index + 2);
                int stop = end < 0 ? sql.length() : end + 2;
                for (int position = index; position < stop; position++) {
                    if (sql.charAt(position) == '\n') {
                        line++;
                        lineStart = position + 1;
                    }
                }
                index = stop;
            } else if (c == '"') {
                int end = closing(sql, index, '"');
                String name = sql.substring(index + 1, Math.max(index + 1, end - 1)).replace("\"\"", "\"");
                if (!name.equals(name.toUpperCase(Locale.ROOT))) {
                    refusals.add(new TranslationRefusal(line, index - lineStart + 1, "\"" + name + "\"",
                            "Snowflake matches a quoted name in its case, DuckDB in any case; write it bare or in upper"
                                    + " case"));
                }
                index = end;
            } else {
                index++;
            }
        }
        return refusals;
    }

    /** The index after the quote closing the one at {@code start} (a doubled quote is part of the text). */
    private static int closing(String sql, int start, char quote) {
        int index = start + 1;
        while (index < sql.length()) {
            if (sql.charAt(index) == quote) {
                if (index + 1 < sql.length() && sql.charAt(index + 1) == quote) {
                    index += 2;
                    continue;
                }
                return index + 1;
            }
            index++;
        }
        return sql.length();
    }
}
