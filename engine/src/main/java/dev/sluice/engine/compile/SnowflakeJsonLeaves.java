package dev.sluice.engine.compile;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.sql.SnowflakeTranslator;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.spi.RelationName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Snowflake: every element of each document from {@code lateral flatten(..., recursive => true)}, its kind
 * from {@code typeof}, aggregated to (path, kind, rows) in one query. The recursive flatten also goes into
 * arrays; an array is one JSON leaf as on DuckDB, so a path through an array index is left out here.
 * Stateless and thread-safe.
 */
final class SnowflakeJsonLeaves implements JsonLeaves {
    @Override
    public void tally(WarehouseAccess warehouse, Map<String, List<String>> memo, SqlCatalog catalog,
            RelationName relation, String column, String where, FieldTypes tally) {
        String source = JsonLeaves.sourceQuery(new SnowflakeTranslator()::translate, "Snowflake", catalog, relation,
                column, where);
        String sql = query(source);
        JsonLeaves.tallyRows(memo.computeIfAbsent(sql, warehouse::strings), SnowflakeJsonLeaves::keys, tally);
    }

    /** The flatten of the documents of {@code source}; each row is {@code "<rows> <kind> <flatten's path>"}. */
    static String query(String source) {
        // typeof says INTEGER up to 38 digits; DuckDB reads an integer beyond 64 bits as a DOUBLE.
        return "select cast(count(*) as varchar) || ' ' || sluice_kind || ' ' || sluice_path from (\n"
                + "    select field.path as sluice_path, case typeof(field.value)\n"
                + "        when 'OBJECT' then case when to_json(field.value) = '{}' then 'VARCHAR' end\n"
                + "        when 'ARRAY' then 'JSON'\n"
                + "        when 'VARCHAR' then 'VARCHAR'\n"
                + "        when 'BOOLEAN' then 'BOOLEAN'\n"
                + "        when 'NULL_VALUE' then 'NULL'\n"
                + "        when 'INTEGER' then case when field.value::number(38, 0) between -9223372036854775808 and"
                + " 18446744073709551615 then 'BIGINT' else 'DOUBLE' end\n"
                + "        else 'DOUBLE'\n"
                + "    end as sluice_kind\n"
                + "    from (\n" + source + "\n) as sluice_source,"
                + " lateral flatten(input => sluice_source." + DOCUMENT + ", recursive => true) as field\n"
                + ") as leaves where sluice_kind is not null group by sluice_path, sluice_kind";
    }

    /**
     * The keys of a flatten path ({@code a.b}, {@code a."b c"}, {@code ['b c']}, {@code a[0].b}), or
     * {@code null} when it goes through an array index.
     *
     * @throws SluiceException when the path is not written that way
     */
    static List<String> keys(String path) {
        List<String> keys = new ArrayList<>();
        int at = 0;
        while (at < path.length()) {
            char c = path.charAt(at);
            if (c == '.' && !keys.isEmpty()) {
                at++;
                c = at < path.length() ? path.charAt(at) : '.';
            } else if (c != '[' && !keys.isEmpty()) {
                throw unreadable(path);
            }
            if (c == '[') {
                int close = path.indexOf(']', at);
                if (at + 1 < path.length() && (path.charAt(at + 1) == '\'' || path.charAt(at + 1) == '"')) {
                    StringBuilder key = new StringBuilder();
                    at = quoted(path, at + 1, key);
                    if (at >= path.length() || path.charAt(at) != ']') {
                        throw unreadable(path);
                    }
                    keys.add(key.toString());
                    at++;
                } else if (close > at + 1 && path.substring(at + 1, close).chars().allMatch(Character::isDigit)) {
                    return null;
                } else {
                    throw unreadable(path);
                }
            } else if (c == '"') {
                StringBuilder key = new StringBuilder();
                at = quoted(path, at, key);
                keys.add(key.toString());
            } else {
                int end = at;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end == at) {
                    throw unreadable(path);
                }
                keys.add(path.substring(at, end));
                at = end;
            }
        }
        if (keys.isEmpty()) {
            throw unreadable(path);
        }
        return keys;
    }

    /** Reads the quoted key starting at {@code open} (backslash or doubled-quote escapes) into {@code key}; returns the index after it. */
    private static int quoted(String path, int open, StringBuilder key) {
        char quote = path.charAt(open);
        int at = open + 1;
        while (at < path.length()) {
            char c = path.charAt(at);
            if (c == '\\' && at + 1 < path.length()) {
                key.append(path.charAt(at + 1));
                at += 2;
            } else if (c == quote && at + 1 < path.length() && path.charAt(at + 1) == quote) {
                key.append(quote);
                at += 2;
            } else if (c == quote) {
                return at + 1;
            } else {
                key.append(c);
                at++;
            }
        }
        throw unreadable(path);
    }

    private static SluiceException unreadable(String path) {
        return new SluiceException(ErrorCode.TEMPLATE, "json_fields: cannot read the flatten path " + path);
    }
}
