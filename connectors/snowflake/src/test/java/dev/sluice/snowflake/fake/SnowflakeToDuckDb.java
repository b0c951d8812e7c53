package dev.sluice.snowflake.fake;

import dev.sluice.snowflake.fake.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a Snowflake expression or query (no DDL) into DuckDB SQL of the same meaning, token by
 * token. Bare names are upper-cased, as Snowflake resolves them, so objects the fake creates carry
 * Snowflake's names. Functions are an allow-list: a function not listed, a lower-case quoted name, a
 * JSON path it cannot prove, and {@code FILTER} (not Snowflake syntax) are errors, never guesses.
 *
 * <p>Not thread-safe: one instance per statement.
 */
final class SnowflakeToDuckDb {
    /** Words before a parenthesis that are not function calls. */
    private static final Set<String> STRUCTURAL = Set.of("IN", "AS", "OVER", "VALUES", "EXISTS", "USING", "AND", "OR",
            "NOT", "ON", "WHERE", "FROM", "JOIN", "SELECT", "WHEN", "THEN", "ELSE", "BY", "GROUP", "ANY", "ALL", "SOME",
            "UNION", "INTERSECT", "EXCEPT", "MINUS", "HAVING", "QUALIFY", "LATERAL", "IS", "INTO", "WITH", "SET",
            "CASE", "END", "DISTINCT", "LIKE", "ILIKE", "BETWEEN", "RECURSIVE", "ROWS", "RANGE", "PRECEDING",
            "FOLLOWING", "LIMIT", "OFFSET", "ORDER", "PARTITION", "MATCHED", "UPDATE", "INSERT", "DELETE");
    /** Words after which a name followed by a parenthesis is a relation with a column list. */
    private static final Set<String> RELATION_BEFORE = Set.of("INTO", "TABLE", "VIEW", "JOIN", "FROM", "UPDATE");
    /** Functions that compute the same in both, spelled the same. */
    private static final Set<String> SAME = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG", "COALESCE", "NULLIF", "LOWER",
            "UPPER", "LENGTH", "ABS", "CEIL", "FLOOR", "ROUND", "REPLACE", "TRIM", "LTRIM", "RTRIM", "ROW_NUMBER",
            "RANK", "DENSE_RANK", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "SUBSTR", "SUBSTRING", "SPLIT_PART",
            "MAX_BY", "MIN_BY", "COUNT_IF", "ANY_VALUE", "MEDIAN", "STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE",
            "PERCENTILE_CONT", "PERCENTILE_DISC", "MOD", "POWER", "SQRT", "LN", "EXP", "SIGN", "LEFT", "RIGHT", "MD5",
            "CONTAINS", "APPROX_COUNT_DISTINCT", "NTILE", "CUME_DIST", "PERCENT_RANK", "REVERSE", "LPAD", "RPAD",
            "INITCAP");
    private static final Map<String, String> RENAMED = Map.of("STARTSWITH", "STARTS_WITH", "ENDSWITH", "ENDS_WITH",
            "NVL", "COALESCE", "LEN", "LENGTH", "BOOLOR_AGG", "BOOL_OR", "BOOLAND_AGG", "BOOL_AND");
    private static final Set<String> DATE_UNITS = Set.of("YEAR", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND");
    /** A JSON path of names and array indexes ({@code 'a.b[0]'}, {@code '[0].type'}), as Snowflake writes paths. */
    private static final Pattern INDEXED_PATH = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*|\\[[0-9]+\\])(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[0-9]+\\])*");
    private static final Pattern FORMAT_ELEMENT = Pattern.compile("YYYY|MM|DD|HH24|MI|SS|FF[1-9]|\"T\"|[-:. ]");
    private static final String NOW_UTC = "CAST(timezone('UTC', get_current_timestamp()) AS TIMESTAMP)";

    private final List<SqlToken> tokens;
    private final String timestampMapping;

    /** @param tokens significant tokens only (no {@link Kind#SPACE}) */
    SnowflakeToDuckDb(List<SqlToken> tokens, String timestampMapping) {
        this.tokens = tokens;
        this.timestampMapping = timestampMapping;
    }

    static List<SqlToken> significant(List<SqlToken> tokens) {
        return tokens.stream().filter(token -> token.kind() != Kind.SPACE).toList();
    }

    /** Rewrites tokens {@code [from, to)}. */
    String range(int from, int to) {
        return range(from, to, false);
    }

    private String range(int from, int to, boolean castArguments) {
        Out out = new Out();
        int i = from;
        while (i < to) {
            SqlToken token = tokens.get(i);
            switch (token.kind()) {
                case STRING -> out.add(literal(token.text()));
                case QUOTED -> out.add(quoted(token.text()));
                case NUMBER, PARAMETER -> out.add(token.text());
                case SYMBOL -> {
                    if (token.isSymbol("::")) {
                        TypeNames.Parsed type = TypeNames.parse(tokens, i + 1, timestampMapping);
                        out.add("::").add(type.duckDb());
                        i = type.next();
                        continue;
                    }
                    if (token.isSymbol("(")) {
                        int close = close(i, to);
                        out.add("(").add(range(i + 1, close)).add(")");
                        i = close + 1;
                        continue;
                    }
                    if (token.isSymbol(";")) {
                        throw FakeSqlException.unsupported("several statements in one request");
                    }
                    if (token.isSymbol("=>")) {
                        throw FakeSqlException.unsupported("named arguments (=>)");
                    }
                    out.add(token.text());
                }
                case WORD -> {
                    if (castArguments && token.isWord("AS")) {
                        TypeNames.Parsed type = TypeNames.parse(tokens, i + 1, timestampMapping);
                        out.add("AS").add(type.duckDb());
                        i = type.next();
                        continue;
                    }
                    if (i + 1 < to && tokens.get(i + 1).isSymbol("(") && isCall(i)) {
                        i = call(i, to, out);
                        continue;
                    }
                    out.add(word(token));
                }
                case SPACE -> { }
            }
            i++;
        }
        return out.toString();
    }

    private String word(SqlToken token) {
        String upper = token.upper();
        return switch (upper) {
            case "MINUS" -> "EXCEPT";
            case "INFORMATION_SCHEMA" -> FakeInformationSchema.SCHEMA;
            case "CURRENT_TIMESTAMP", "SYSDATE", "LOCALTIMESTAMP" -> NOW_UTC;
            case "FILTER" -> throw FakeSqlException.syntax("unexpected 'FILTER' (Snowflake has no aggregate FILTER clause)");
            default -> upper;
        };
    }

    private boolean isCall(int index) {
        String word = tokens.get(index).upper();
        if (STRUCTURAL.contains(word)) {
            return false;
        }
        int previous = index - 1;
        while (previous >= 0 && tokens.get(previous).kind() == Kind.SPACE) {
            previous--;
        }
        if (previous >= 0 && tokens.get(previous).isWord("AS")) {
            // `(values (1), (2)) as k(kind)`: an alias with its column names, as Snowflake allows.
            return false;
        }
        int before = index - 1;
        while (before >= 1 && tokens.get(before).isSymbol(".")) {
            before -= 2;
        }
        boolean qualified = before < index - 1;
        if (before >= 0 && tokens.get(before).kind() == Kind.WORD && RELATION_BEFORE.contains(tokens.get(before).upper())) {
            return false;
        }
        if (qualified) {
            throw FakeSqlException.unsupported("the qualified function " + tokens.get(index).text());
        }
        return true;
    }

    /** Rewrites the call at {@code index} into {@code out}; returns the index after it. */
    private int call(int index, int to, Out out) {
        String name = tokens.get(index).upper();
        int open = index + 1;
        int close = close(open, to);
        if (name.equals("FLATTEN")) {
            out.add(flatten(index, open, close));
            return close + 1;
        }
        if (name.equals("CAST") || name.equals("TRY_CAST")) {
            out.add(name + "(" + range(open + 1, close, true) + ")");
            return close + 1;
        }
        List<int[]> argumentRanges = arguments(open, close);
        List<String> args = new ArrayList<>();
        for (int[] argument : argumentRanges) {
            args.add(range(argument[0], argument[1]));
        }
        if (SAME.contains(name)) {
            out.add(name + "(" + String.join(", ", args) + ")");
            return close + 1;
        }
        if (RENAMED.containsKey(name)) {
            out.add(RENAMED.get(name) + "(" + String.join(", ", args) + ")");
            return close + 1;
        }
        switch (name) {
            case "IFF" -> out.add("(CASE WHEN " + arg(args, 0, 3, name) + " THEN " + args.get(1) + " ELSE " + args.get(2)
                    + " END)");
            case "EQUAL_NULL" -> out.add("(" + arg(args, 0, 2, name) + " IS NOT DISTINCT FROM " + args.get(1) + ")");
            // Snowflake's GREATEST and LEAST are NULL when any argument is; DuckDB's skip NULLs.
            case "GREATEST", "LEAST" -> out.add("(CASE WHEN " + args.stream().map(arg -> "(" + arg + ") IS NULL")
                    .collect(java.util.stream.Collectors.joining(" OR ")) + " THEN NULL ELSE " + name + "("
                    + String.join(", ", args) + ") END)");
            case "ZEROIFNULL" -> out.add("COALESCE(" + arg(args, 0, 1, name) + ", 0)");
            case "CONCAT" -> out.add("(" + String.join(" || ", args) + ")");
            case "PARSE_JSON" -> out.add("CAST(" + arg(args, 0, 1, name) + " AS JSON)");
            // The fake's VARIANTs are DuckDB JSON values. Snowflake says DECIMAL for 1.5 and DOUBLE for 1e2;
            // DuckDB reads both as doubles, so both are DOUBLE here.
            case "TYPEOF" -> out.add("(CASE json_type(" + arg(args, 0, 1, name) + ") WHEN 'BIGINT' THEN 'INTEGER'"
                    + " WHEN 'UBIGINT' THEN 'INTEGER' WHEN 'NULL' THEN 'NULL_VALUE' ELSE json_type(" + args.get(0)
                    + ") END)");
            case "TO_JSON" -> out.add("CAST(to_json(" + arg(args, 0, 1, name) + ") AS VARCHAR)");
            case "TO_DATE", "DATE" -> out.add(args.size() == 2 ? formatted(argumentRanges, name, "DATE")
                    : "CAST(" + arg(args, 0, 1, name) + " AS DATE)");
            case "TO_TIMESTAMP", "TO_TIMESTAMP_NTZ" -> out.add(args.size() == 2
                    ? formatted(argumentRanges, name, "TIMESTAMP") : "CAST(" + arg(args, 0, 1, name) + " AS TIMESTAMP)");
            // GET_PATH(variant, 'a.b[0]'): the element, a VARIANT (JSON null kept), NULL when missing.
            case "GET_PATH" -> out.add("JSON_EXTRACT(" + arg(args, 0, 2, name) + ", " + getPath(argumentRanges.get(1))
                    + ")");
            case "UUID_STRING" -> out.add("CAST(gen_random_uuid() AS VARCHAR)");
            case "CURRENT_TIMESTAMP", "SYSDATE" -> out.add(NOW_UTC);
            // Each operand in parentheses of its own: an argument may be a scalar subquery.
            case "DATEADD", "TIMESTAMPADD" -> out.add("((" + arg(args, 2, 3, name) + ") + TO_"
                    + unit(argumentRanges.get(0)) + "S(CAST(" + args.get(1) + " AS INTEGER)))");
            case "DATEDIFF", "TIMESTAMPDIFF" -> out.add("DATE_DIFF('" + unit(argumentRanges.get(0)).toLowerCase(Locale.ROOT)
                    + "', " + arg(args, 1, 3, name) + ", " + args.get(2) + ")");
            case "DATE_TRUNC" -> out.add("DATE_TRUNC('" + unit(argumentRanges.get(0)).toLowerCase(Locale.ROOT) + "', "
                    + arg(args, 1, 2, name) + ")");
            case "JSON_EXTRACT_PATH_TEXT" -> out.add("JSON_EXTRACT_STRING(" + arg(args, 0, 2, name) + ", "
                    + jsonPath(argumentRanges.get(1)) + ")");
            case "LISTAGG" -> {
                return listagg(args, close, to, out);
            }
            // ARRAY_AGG skips NULLs and gives [] for no value; DuckDB's list keeps NULLs and gives NULL for no row.
            case "ARRAY_AGG" -> {
                String value = arg(args, 0, 1, name);
                if (value.strip().toUpperCase(Locale.ROOT).startsWith("DISTINCT") || close + 1 < to
                        && (nextWord(close + 1, to, "OVER") || nextWord(close + 1, to, "WITHIN"))) {
                    throw FakeSqlException.unsupported("ARRAY_AGG with DISTINCT, WITHIN GROUP or OVER");
                }
                out.add("COALESCE(LIST(" + value + ") FILTER (WHERE (" + value + ") IS NOT NULL), [])");
            }
            // Ascending, as LIST_SORT; the arrays the fake sorts come from ARRAY_AGG, without NULLs.
            // POSITION(s IN t) or POSITION(s, t): the 1-based index of the first s in t, 0 when none, as DuckDB's.
            case "POSITION" -> out.add(args.size() == 1 ? "POSITION(" + args.get(0) + ")"
                    : "STRPOS(" + arg(args, 1, 2, name) + ", " + args.get(0) + ")");
            case "ARRAY_SORT" -> out.add("LIST_SORT(" + arg(args, 0, 1, name) + ")");
            case "ARRAY_TO_STRING" -> out.add("ARRAY_TO_STRING(" + arg(args, 0, 2, name) + ", " + args.get(1) + ")");
            default -> throw FakeSqlException.unsupported("the function " + name + " (not on the fake's list of functions"
                    + " that compute the same in DuckDB)");
        }
        return close + 1;
    }

    /**
     * {@code LATERAL FLATTEN(INPUT => x, RECURSIVE => TRUE)}, exactly so, as a DuckDB {@code json_tree} of
     * {@code x} without its root: every element at any depth with its {@code PATH} ({@code a.b},
     * {@code a."b c"[0]}) and {@code VALUE}. The other columns of a flatten are not there, so using one is an error.
     */
    private String flatten(int index, int open, int close) {
        List<int[]> arguments = arguments(open, close);
        if (index == 0 || !tokens.get(index - 1).isWord("LATERAL") || arguments.size() != 2
                || !named(arguments.get(0), "INPUT") || !named(arguments.get(1), "RECURSIVE")
                || arguments.get(1)[1] - arguments.get(1)[0] != 3 || !tokens.get(arguments.get(1)[0] + 2).isWord("TRUE")) {
            throw FakeSqlException.unsupported("FLATTEN other than LATERAL FLATTEN(INPUT => ..., RECURSIVE => TRUE)");
        }
        String input = range(arguments.get(0)[0] + 2, arguments.get(0)[1]);
        return "(SELECT regexp_replace(fullkey, '^\\$\\.?', '') AS PATH, value AS VALUE FROM json_tree(" + input
                + ") WHERE fullkey <> '$')";
    }

    /** Whether the argument at {@code range} is {@code name => ...}. */
    private boolean named(int[] range, String name) {
        return range[1] - range[0] > 2 && tokens.get(range[0]).isWord(name) && tokens.get(range[0] + 1).isSymbol("=>");
    }

    /** Whether the first token from {@code index} that is not a space is the word {@code word}. */
    private boolean nextWord(int index, int to, String word) {
        while (index < to && tokens.get(index).kind() == Kind.SPACE) {
            index++;
        }
        return index < to && tokens.get(index).isWord(word);
    }

    /** {@code LISTAGG(x, s) WITHIN GROUP (ORDER BY k)} is DuckDB's {@code STRING_AGG(x, s ORDER BY k)}. */
    private int listagg(List<String> args, int close, int to, Out out) {
        String separator = args.size() > 1 ? args.get(1) : "''";
        int next = close + 1;
        String order = "";
        if (next + 2 < to && tokens.get(next).isWord("WITHIN") && tokens.get(next + 1).isWord("GROUP")
                && tokens.get(next + 2).isSymbol("(")) {
            int groupClose = close(next + 2, to);
            order = " " + range(next + 3, groupClose);
            next = groupClose + 1;
        }
        if (next < to && tokens.get(next).isWord("OVER")) {
            throw FakeSqlException.unsupported("LISTAGG as a window function");
        }
        out.add("STRING_AGG(" + args.get(0) + ", " + separator + order + ")");
        return next;
    }

    private static String arg(List<String> args, int index, int expected, String function) {
        if (args.size() != expected) {
            throw FakeSqlException.unsupported(function + " with " + args.size() + " arguments (the fake knows "
                    + expected + ")");
        }
        return args.get(index);
    }

    private String unit(int[] range) {
        if (range[1] - range[0] != 1) {
            throw FakeSqlException.unsupported("a date part that is not one word");
        }
        SqlToken token = tokens.get(range[0]);
        String unit = token.kind() == Kind.STRING ? token.text().substring(1, token.text().length() - 1)
                .toUpperCase(Locale.ROOT) : token.upper();
        unit = unit.endsWith("S") ? unit.substring(0, unit.length() - 1) : unit;
        if (!DATE_UNITS.contains(unit)) {
            throw FakeSqlException.unsupported("the date part " + token.text());
        }
        return unit;
    }

    private String jsonPath(int[] range) {
        SqlToken token = tokens.get(range[0]);
        if (range[1] - range[0] != 1 || token.kind() != Kind.STRING) {
            throw FakeSqlException.unsupported("JSON_EXTRACT_PATH_TEXT with a path that is not a literal");
        }
        String path = token.text().substring(1, token.text().length() - 1);
        if (!INDEXED_PATH.matcher(path).matches()) {
            throw FakeSqlException.unsupported("the JSON path '" + path + "' (only names and array indexes are mapped)");
        }
        return duckDbPath(path);
    }

    /** A path of names and indexes in DuckDB's JSONPath: {@code a.b[0]} is {@code $.a.b[0]}, {@code [0].a} {@code $[0].a}. */
    private static String duckDbPath(String path) {
        return "'$" + (path.startsWith("[") ? "" : ".") + path + "'";
    }

    /**
     * {@code TO_DATE('2026-11-26', 'YYYY-MM-DD')} and {@code TO_TIMESTAMP_NTZ(text, format)}: only literals, only
     * the format elements Sluice writes ({@code YYYY MM DD HH24 MI SS FFn}, {@code "T"}, separators); the text must
     * match the format, as Snowflake requires, and then reads the same as DuckDB's cast of it.
     */
    private String formatted(List<int[]> ranges, String function, String type) {
        String text = literal(ranges.get(0), function);
        String format = literal(ranges.get(1), function);
        StringBuilder pattern = new StringBuilder();
        Matcher element = FORMAT_ELEMENT.matcher(format);
        int at = 0;
        while (at < format.length()) {
            if (!element.find(at) || element.start() != at) {
                throw FakeSqlException.unsupported(function + " with the format '" + format + "' (the fake knows YYYY,"
                        + " MM, DD, HH24, MI, SS, FFn, \"T\" and separators)");
            }
            String found = element.group();
            pattern.append(switch (found) {
                case "YYYY" -> "\\d{4}";
                case "MM", "DD", "HH24", "MI", "SS" -> "\\d{2}";
                case "\"T\"" -> "T";
                case "-", ":", ".", " " -> Pattern.quote(found);
                default -> "\\d{" + found.substring(2) + "}";
            });
            at = element.end();
        }
        if (!text.matches(pattern.toString())) {
            throw FakeSqlException.execution("Can't parse '" + text + "' as " + type.toLowerCase(Locale.ROOT)
                    + " with format '" + format + "'");
        }
        return "CAST('" + text + "' AS " + type + ")";
    }

    private String literal(int[] range, String function) {
        SqlToken token = tokens.get(range[0]);
        if (range[1] - range[0] != 1 || token.kind() != Kind.STRING) {
            throw FakeSqlException.unsupported(function + " of something other than string literals");
        }
        return token.text().substring(1, token.text().length() - 1).replace("''", "'");
    }

    /** {@code GET_PATH}'s path: a literal of names and array indexes ({@code 'a.b[0]'}). */
    private String getPath(int[] range) {
        String path = literal(range, "GET_PATH");
        if (!INDEXED_PATH.matcher(path).matches()) {
            throw FakeSqlException.unsupported("the GET_PATH path '" + path + "' (only names and array indexes)");
        }
        return duckDbPath(path);
    }

    /** Top-level comma-separated ranges inside the parentheses at {@code open}..{@code close}. */
    private List<int[]> arguments(int open, int close) {
        List<int[]> ranges = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open + 1; i < close; i++) {
            SqlToken token = tokens.get(i);
            if (token.isSymbol("(")) {
                depth++;
            } else if (token.isSymbol(")")) {
                depth--;
            } else if (token.isSymbol(",") && depth == 0) {
                ranges.add(new int[] {start, i});
                start = i + 1;
            }
        }
        if (start < close) {
            ranges.add(new int[] {start, close});
        }
        return ranges;
    }

    /** The index of the parenthesis closing the one at {@code open}. */
    int close(int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (tokens.get(i).isSymbol("(")) {
                depth++;
            } else if (tokens.get(i).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw FakeSqlException.syntax("unbalanced parentheses");
    }

    /** A Snowflake string literal (backslash escapes, doubled quotes) as a DuckDB literal. */
    static String literal(String snowflake) {
        String body = snowflake.substring(1, snowflake.length() - 1);
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                char escaped = body.charAt(++i);
                switch (escaped) {
                    case '\\', '\'', '"' -> value.append(escaped);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '0' -> value.append('\0');
                    default -> throw FakeSqlException.unsupported("the string escape \\" + escaped);
                }
            } else if (c == '\'') {
                value.append('\'');
                i++;
            } else {
                value.append(c);
            }
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** The text inside a Snowflake string literal token. */
    static String literalValue(String snowflake) {
        String duckDb = literal(snowflake);
        return duckDb.substring(1, duckDb.length() - 1).replace("''", "'");
    }

    /**
     * A quoted name. DuckDB matches names case-insensitively, Snowflake exactly: a quoted name with a
     * lower-case letter would silently find the upper-case object here and not on Snowflake, so it is refused.
     */
    static String quoted(String text) {
        String name = text.substring(1, text.length() - 1);
        if (!name.equals(name.toUpperCase(Locale.ROOT))) {
            throw FakeSqlException.unsupported("the case-sensitive quoted name " + text + " (DuckDB would match it"
                    + " case-insensitively)");
        }
        return text;
    }

    /** Joins rewritten pieces with single spaces, none around a dot. */
    private static final class Out {
        private final StringBuilder text = new StringBuilder();

        Out add(String piece) {
            if (piece.isEmpty()) {
                return this;
            }
            boolean glue = text.length() == 0 || piece.equals(".") || piece.equals(",") || piece.equals(")")
                    || text.charAt(text.length() - 1) == '.' || text.charAt(text.length() - 1) == '(';
            if (!glue) {
                text.append(' ');
            }
            text.append(piece);
            return this;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
