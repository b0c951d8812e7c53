package dev.sluice.engine.sql.postgres;

import dev.sluice.engine.sql.TranslatingDialect;
import dev.sluice.engine.sql.ValidatedTree;
import dev.sluice.sql.parser.SluiceOperators;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Writes a validated DuckDB query as PostgreSQL SQL. Only what {@link PostgresChecks} let through reaches
 * it; each translation here keeps DuckDB's result:
 * <ul>
 *   <li>{@code x::T} and {@code cast(x as T)} become {@code CAST(x AS T')} with PostgreSQL's name for the type
 *       ({@link PostgresTypes});</li>
 *   <li>{@code a / b} is floating-point in DuckDB: {@code CAST(a AS double precision) / CAST(b AS double
 *       precision)}; {@code a // b} of integers is PostgreSQL's {@code a / b} (both truncate toward zero);
 *       {@code avg(x)} is a DOUBLE in DuckDB (a NUMERIC in PostgreSQL for integers):
 *       {@code AVG(CAST(x AS double precision))};</li>
 *   <li>{@code string_agg}/{@code listagg} become {@code STRING_AGG(x, sep ORDER BY ...)} (',' when DuckDB's
 *       default separator is meant), NULL for a group without values in both;</li>
 *   <li>text is compared, sorted, and taken the MIN, MAX, GREATEST or LEAST of {@code COLLATE "C"}: DuckDB
 *       orders text by code point, PostgreSQL by the database's collation;</li>
 *   <li>every sort key says {@code NULLS LAST}: DuckDB's default in both directions, PostgreSQL's only
 *       ascending (done by {@link PostgresChecks});</li>
 *   <li>{@code LIKE} without {@code ESCAPE} gets {@code ESCAPE ''}: a backslash escapes in PostgreSQL's
 *       patterns by default and is an ordinary character in DuckDB's;</li>
 *   <li>{@code trim(x)} strips the Unicode space separators DuckDB strips (PostgreSQL only the space);</li>
 *   <li>JSON access becomes {@code CAST(j AS jsonb) #>> '{path}'} ({@link JsonPaths});</li>
 *   <li>dates ({@link PostgresDates}), {@code arg_max}/{@code arg_min} as the first of an ordered
 *       {@code ARRAY_AGG} of the rows where both arguments are not NULL (the rows DuckDB considers), and
 *       {@code round} of a DOUBLE written out in double arithmetic as DuckDB computes it (PostgreSQL rounds a
 *       float half to even, and its cast to NUMERIC keeps 15 digits);</li>
 *   <li>names follow {@link PostgresIdentifiers}; string literals are written as they are (a backslash is plain
 *       text in both, with PostgreSQL's default {@code standard_conforming_strings}).</li>
 * </ul>
 *
 * <p>Not thread-safe: it reads the types of one validation.
 */
final class PostgresDialect extends TranslatingDialect {
    private static final Context CONTEXT = SqlDialect.EMPTY_CONTEXT
            .withDatabaseProduct(DatabaseProduct.POSTGRESQL)
            .withIdentifierQuoteString("\"")
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true);
    /** The characters DuckDB's one-argument trim strips: Unicode's space separators (Zs). */
    static final String SPACE_SEPARATORS = "U&'\\0020\\00A0\\1680\\2000\\2001\\2002\\2003\\2004\\2005\\2006\\2007"
            + "\\2008\\2009\\200A\\202F\\205F\\3000'";

    private final ValidatedTree tree;
    private final dev.sluice.engine.sql.WarehouseDispatch.Prepared prepared;

    PostgresDialect(ValidatedTree tree, dev.sluice.engine.sql.WarehouseDispatch.Prepared prepared) {
        super(CONTEXT);
        this.tree = tree;
        this.prepared = prepared;
    }

    @Override
    protected boolean identifierNeedsQuote(String name) {
        return true; // quoteIdentifier decides
    }

    @Override
    public StringBuilder quoteIdentifier(StringBuilder buffer, String name) {
        return buffer.append(PostgresIdentifiers.written(name));
    }

    @Override
    public void quoteStringLiteral(StringBuilder buffer, String charsetName, String value) {
        buffer.append('\'').append(value.replace("'", "''")).append('\'');
    }

    @Override
    public void quoteStringLiteralUnicode(StringBuilder buffer, String value) {
        quoteStringLiteral(buffer, null, value);
    }

    @Override
    protected String translation(SqlCall call) {
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        return switch (call.getKind()) {
            case COLLECTION_TABLE -> call.operand(0) instanceof SqlCall series
                    && series.getOperator().getName().equalsIgnoreCase("generate_series") ? series(series) : null;
            case AS -> call.operandCount() == 2 && call.operand(0).getKind() == SqlKind.COLLECTION_TABLE
                    // PostgreSQL names the column of a function aliased without column names after the alias;
                    // DuckDB's column is generate_series
                    ? inline(call.operand(0)) + " AS " + inline(call.operand(1)) + " (generate_series)" : null;
            case SELECT -> tree.distinctOn().window((SqlSelect) call) != null ? distinctOn((SqlSelect) call)
                    : ((SqlSelect) call).getQualify() != null ? qualify((SqlSelect) call) : null;
            case CAST -> "CAST(" + inline(call.operand(0)) + " AS " + PostgresTypes.name(tree.type(call)) + ")";
            case SAFE_CAST -> dev.sluice.engine.sql.DuckDbBooleanText.tryCast(inline(call.operand(0)));
            case DIVIDE -> "(" + asDouble(call.operand(0)) + " / " + asDouble(call.operand(1)) + ")";
            case AVG -> "AVG(" + quantifier(call) + asDouble(call.operand(0)) + ")";
            case STRING_AGG, LISTAGG -> stringAgg(call, orderOf(call));
            case WITHIN_GROUP -> call.operand(0) instanceof SqlCall aggregate
                    && (aggregate.getKind() == SqlKind.LISTAGG || aggregate.getKind() == SqlKind.STRING_AGG)
                    ? stringAgg(aggregate, call.operand(1)) : null;
            case TRIM -> trim(call);
            case FILTER -> filteredArgExtreme(call);
            case LIKE -> like(call, name);
            case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
                    isText(call.operand(0)) || isText(call.operand(1))
                            ? "(" + collated(call.operand(0)) + " " + call.getOperator().getName() + " "
                                    + parenthesized(call.operand(1)) + ")" : null;
            case BETWEEN -> isText(call.operand(0)) ? "(" + collated(call.operand(0)) + " " + call.getOperator().getName()
                    + " " + parenthesized(call.operand(1)) + " AND " + parenthesized(call.operand(2)) + ")" : null;
            case MIN, MAX -> (name.equals("min") || name.equals("max")) && isText(call.operand(0))
                    ? name.toUpperCase(Locale.ROOT) + "(" + quantifier(call) + collated(call.operand(0)) + ")" : null;
            case GREATEST, LEAST -> call.getOperandList().stream().anyMatch(this::isText)
                    ? name.toUpperCase(Locale.ROOT) + "(" + String.join(", ", call.getOperandList().stream()
                            .map(this::collated).toList()) + ")" : null;
            case EXTRACT -> PostgresDates.part(((SqlIntervalQualifier) call.operand(0)).getStartUnit().name()
                    .toLowerCase(Locale.ROOT), timestamp(call.operand(1)));
            default -> function(call, name);
        };
    }

    private String function(SqlCall call, String name) {
        if (call.getOperator() == SluiceOperators.INTEGER_DIVIDE) {
            // both truncate toward zero; PostgreSQL's / of a NUMERIC (a sum of integers) would not: DIV does
            boolean integers = isType(call.operand(0), SqlTypeName.INT_TYPES) && isType(call.operand(1),
                    SqlTypeName.INT_TYPES);
            return integers ? "(" + inline(call.operand(0)) + " / " + inline(call.operand(1)) + ")"
                    : "DIV(" + inline(call.operand(0)) + ", " + inline(call.operand(1)) + ")";
        }
        if (dev.sluice.engine.sql.WarehouseDispatch.isDispatch(call)) {
            return "(" + dev.sluice.engine.sql.WarehouseDispatch.written(prepared, call, "postgres") + ")";
        }
        if (JsonPaths.isTextAccess(call)) {
            JsonPaths.Access access = JsonPaths.access(call);
            return "(CAST(" + inline(access.document()) + " AS jsonb) #>> " + literal(JsonPaths.arrayText(access.path()))
                    + ")";
        }
        if (JsonPaths.isJsonAccess(call) && JsonPaths.access(call) != null) {
            // only as an output column's value (PostgresChecks): the same document, as jsonb
            JsonPaths.Access access = JsonPaths.access(call);
            return "(CAST(" + inline(access.document()) + " AS jsonb) #> " + literal(JsonPaths.arrayText(access.path()))
                    + ")";
        }
        if (name.equals("interval") && call.operandCount() == 2 && call.operand(1) instanceof SqlIntervalQualifier unit) {
            return "(" + parenthesized(call.operand(0)) + " * INTERVAL '1' " + unit + ")";
        }
        return switch (name) {
            case "date_trunc" -> PostgresDates.trunc(unit(call), timestamp(call.operand(1)));
            case "date_part", "datepart" -> PostgresDates.part(unit(call), timestamp(call.operand(1)));
            case "date_diff", "datediff" -> PostgresDates.diff(unit(call), timestamp(call.operand(1)),
                    timestamp(call.operand(2)));
            case "epoch" -> PostgresDates.epoch(timestamp(call.operand(0)));
            case "epoch_ms" -> PostgresDates.epochMillis(timestamp(call.operand(0)));
            case "arg_max", "max_by" -> argExtreme(call, "DESC", null);
            case "arg_min", "min_by" -> argExtreme(call, "ASC", null);
            case "round" -> round(call);
            case "len", "length", "char_length", "character_length" -> "LENGTH(" + inline(call.operand(0)) + ")";
            case "strlen", "octet_length" -> "OCTET_LENGTH(" + inline(call.operand(0)) + ")";
            case "contains" -> "(STRPOS(" + inline(call.operand(0)) + ", " + inline(call.operand(1)) + ") > 0)";
            case "starts_with" -> "STARTS_WITH(" + inline(call.operand(0)) + ", " + inline(call.operand(1)) + ")";
            case "regexp_extract" -> regexpExtract(call);
            case "median" -> "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + inline(call.operand(0)) + ")";
            case "quantile_cont" -> "PERCENTILE_CONT(" + inline(call.operand(1)) + ") WITHIN GROUP (ORDER BY "
                    + inline(call.operand(0)) + ")";
            case "dayofweek" -> PostgresDates.part("dow", timestamp(call.operand(0)));
            case "dayname" -> "TO_CHAR(" + timestamp(call.operand(0)) + ", 'FMDay')"; // English without TM
            case "monthname" -> "TO_CHAR(" + timestamp(call.operand(0)) + ", 'FMMonth')";
            case "array_to_string" -> {
                // DuckDB's list keeps NULLs and array_to_string skips them: NULL when no value is left, as
                // STRING_AGG; list_sort orders text by bytes (UTF-8, so by code point), as COLLATE "C" does
                SqlNode value = PostgresFunctionChecks.sortedListValue(call);
                yield "STRING_AGG(" + inline(value) + ", " + inline(call.operand(1)) + " ORDER BY " + collated(value)
                        + ")";
            }
            case "regexp_matches" -> "(" + parenthesized(call.operand(0)) + " ~ " + inline(call.operand(1)) + ")";
            case "strftime" -> "TO_CHAR(" + timestamp(call.operand(0)) + ", " + literal(dev.sluice.engine.sql
                    .StrftimeFormats.toCharFormat(((SqlLiteral) call.operand(1)).getValueAs(String.class))) + ")";
            // the month's first day, a month on, a day back: the last day of the month, a DATE as DuckDB gives
            case "last_day" -> "CAST(DATE_TRUNC('month', CAST(" + inline(call.operand(0)) + " AS timestamp))"
                    + " + INTERVAL '1' MONTH - INTERVAL '1' DAY AS date)";
            case "make_date" -> "DATE '" + PostgresFunctionChecks.realDate(call) + "'";
            default -> null;
        };
    }

    /**
     * {@code SELECT items FROM ... QUALIFY q} as {@code SELECT names FROM (SELECT items, q AS __sluice_qualify FROM ...)
     * WHERE __sluice_qualify}: QUALIFY filters after windows are computed and before DISTINCT, ORDER BY and LIMIT,
     * which {@link PostgresChecks} refuses in the same SELECT.
     */
    private String qualify(SqlSelect select) {
        SqlNode condition = select.getQualify();
        SqlNodeList items = select.getSelectList();
        List<String> names = new java.util.ArrayList<>();
        for (SqlNode item : items) {
            names.add(PostgresIdentifiers.written(item instanceof SqlIdentifier identifier
                    ? identifier.names.get(identifier.names.size() - 1) : ((SqlCall) item).operand(1).toString()));
        }
        SqlNodeList inner = new SqlNodeList(items.getList(), items.getParserPosition());
        inner.add(SqlStdOperatorTable.AS.createCall(condition.getParserPosition(), condition,
                new SqlIdentifier("__sluice_qualify", condition.getParserPosition())));
        select.setSelectList(inner);
        select.setQualify(null);
        try {
            return "(SELECT " + String.join(", ", names) + " FROM (" + inline(select)
                    + ") AS __sluice_qualified WHERE __sluice_qualify)";
        } finally {
            select.setSelectList(items);
            select.setQualify(condition);
        }
    }

    /**
     * {@code SELECT ... ORDER BY o} read from {@code SELECT DISTINCT ON (keys) ...} as {@code SELECT ... QUALIFY
     * row_number() OVER (PARTITION BY keys ORDER BY o) = 1}: PostgreSQL's own {@code SELECT DISTINCT ON (keys) ...
     * ORDER BY o}, the keys written as the ORDER BY's first items are (as {@link PostgresChecks} checked), so
     * PostgreSQL matches them whatever they name (an output column, a collated one).
     */
    private String distinctOn(SqlSelect select) {
        SqlNode condition = select.getQualify();
        int keys = tree.distinctOn().window(select).getPartitionList().size();
        List<String> written = new java.util.ArrayList<>();
        for (SqlNode item : select.getOrderList().getList().subList(0, keys)) {
            written.add(inline(PostgresChecks.sortKey(item)));
        }
        select.setQualify(null);
        try {
            String text = inline(select);
            if (!text.startsWith("SELECT ")) {
                throw new IllegalStateException("a SELECT written as " + text);
            }
            return "(SELECT DISTINCT ON (" + String.join(", ", written) + ") " + text.substring("SELECT ".length())
                    + ")";
        } finally {
            select.setQualify(condition);
        }
    }

    /** DuckDB's {@code generate_series} of literals as PostgreSQL's, of BIGINTs or TIMESTAMPs as DuckDB types it. */
    private String series(SqlCall series) {
        String type = PostgresFunctionChecks.isIntegerSeries(series) ? "bigint" : "timestamp";
        List<String> arguments = new java.util.ArrayList<>();
        for (int index = 0; index < series.operandCount(); index++) {
            String argument = inline(series.operand(index));
            arguments.add(index < 2 || type.equals("bigint") ? "CAST(" + argument + " AS " + type + ")" : argument);
        }
        return "GENERATE_SERIES(" + String.join(", ", arguments) + ")";
    }

    private String regexpExtract(SqlCall call) {
        String value = inline(call.operand(0));
        String pattern = ((SqlLiteral) call.operand(1)).getValueAs(String.class);
        long group = call.operandCount() > 2 ? ((SqlNumericLiteral) call.operand(2)).getValueAs(Long.class) : 0;
        // regexp_match gives the groups (the whole match when there are none), NULL without a match;
        // DuckDB gives '' for no match and for a group that took no part
        String groups = group == 0 ? literal("(" + pattern + ")") : literal(pattern);
        return "(CASE WHEN " + value + " IS NULL THEN NULL ELSE COALESCE((REGEXP_MATCH(" + value + ", " + groups + "))["
                + Math.max(group, 1) + "], '') END)";
    }

    /** {@code node} in this dialect on one line. */
    String inline(SqlNode node) {
        SqlPrettyWriter writer = new SqlPrettyWriter(SqlPrettyWriter.config().withDialect(this)
                .withQuoteAllIdentifiers(false).withAlwaysUseParentheses(false).withIndentation(0));
        node.unparse(writer, 0, 0);
        return writer.toSqlString().getSql().replaceAll("\\s*\\n\\s*", " ");
    }

    private String parenthesized(SqlNode node) {
        String text = inline(node);
        return node instanceof SqlIdentifier || node instanceof SqlLiteral ? text : "(" + text + ")";
    }

    private String collated(SqlNode node) {
        return isText(node) ? parenthesized(node) + " COLLATE \"C\"" : parenthesized(node);
    }

    boolean isText(SqlNode node) {
        return isType(node, SqlTypeName.CHAR_TYPES);
    }

    private boolean isType(SqlNode node, java.util.Collection<SqlTypeName> names) {
        RelDataType type = tree.type(node);
        return type != null && type.getSqlTypeName() != null && names.contains(type.getSqlTypeName());
    }

    private String asDouble(SqlNode node) {
        return "CAST(" + inline(node) + " AS double precision)";
    }

    /** A DATE as a TIMESTAMP (DuckDB computes date functions of a DATE on its midnight); others as they are. */
    private String timestamp(SqlNode node) {
        RelDataType type = tree.type(node);
        return type != null && type.getSqlTypeName() == SqlTypeName.DATE ? "CAST(" + inline(node) + " AS timestamp)"
                : inline(node);
    }

    static String unit(SqlCall call) {
        return ((SqlLiteral) call.operand(0)).getValueAs(String.class).toLowerCase(Locale.ROOT);
    }

    private static String quantifier(SqlCall call) {
        return call.getFunctionQuantifier() == null ? "" : call.getFunctionQuantifier().toValue() + " ";
    }

    private static SqlNodeList orderOf(SqlCall call) {
        return call.operand(call.operandCount() - 1) instanceof SqlNodeList order ? order : null;
    }

    private String stringAgg(SqlCall aggregate, SqlNodeList order) {
        boolean hasSeparator = aggregate.operandCount() > 1 && !(aggregate.operand(1) instanceof SqlNodeList);
        boolean ordered = order != null && !order.isEmpty();
        // DISTINCT needs its ORDER BY keys among the arguments, written the same. PostgreSQL's STRING_AGG takes text:
        // a varchar value is cast to text, a key naming it is not, so both are written as the same text, sorted
        // COLLATE "C" (equal in C exactly when equal in any deterministic collation, so the same values are distinct)
        boolean distinct = quantifier(aggregate).strip().equalsIgnoreCase("distinct") && ordered;
        SqlNode value = aggregate.operand(0);
        String distinctValue = "CAST(" + inline(value) + " AS text) COLLATE \"C\"";
        String text = "STRING_AGG(" + quantifier(aggregate) + (distinct ? distinctValue : inline(value)) + ", "
                + (hasSeparator ? inline(aggregate.operand(1)) : "','");
        if (ordered) {
            text += " ORDER BY " + String.join(", ", order.stream()
                    .map(item -> distinct ? sortKeyOfValue(item, value, distinctValue) : inline(item)).toList());
        }
        return text + ")";
    }

    /**
     * A sort key of an ordered DISTINCT aggregate whose key is its value ({@link PostgresChecks} refuses others),
     * with the key written as {@code valueText}: {@code NULLS LAST(DESC(COLLATE_C(key)))} as the checks leave it.
     */
    private String sortKeyOfValue(SqlNode item, SqlNode value, String valueText) {
        String nulls = item.getKind() == SqlKind.NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST";
        SqlNode key = item.getKind() == SqlKind.NULLS_FIRST || item.getKind() == SqlKind.NULLS_LAST
                ? ((SqlCall) item).operand(0) : item;
        String direction = "";
        if (key.getKind() == SqlKind.DESCENDING) {
            direction = " DESC";
            key = ((SqlCall) key).operand(0);
        }
        if (key instanceof SqlCall collate && collate.getOperator() == PostgresOperators.COLLATE_C) {
            key = collate.operand(0);
        }
        return key.equalsDeep(value, org.apache.calcite.util.Litmus.IGNORE) ? valueText + direction + nulls
                : inline(item);
    }

    private String trim(SqlCall call) {
        SqlTrimFunction.Flag flag = ((SqlLiteral) call.operand(0)).getValueAs(SqlTrimFunction.Flag.class);
        SqlNode characters = call.operand(1);
        String function = switch (flag) {
            case BOTH -> "BTRIM";
            case LEADING -> "LTRIM";
            case TRAILING -> "RTRIM";
        };
        // Calcite reads trim(x) as trim(both ' ' from x): DuckDB's one-argument trim strips more than spaces.
        boolean spaces = characters instanceof SqlLiteral literal && " ".equals(literal.getValueAs(String.class));
        return function + "(" + inline(call.operand(2)) + ", " + (spaces ? SPACE_SEPARATORS : inline(characters)) + ")";
    }

    private String like(SqlCall call, String name) {
        String escape = call.operandCount() > 2 ? inline(call.operand(2)) : "''";
        return "(" + parenthesized(call.operand(0)) + " " + name.toUpperCase(Locale.ROOT) + " "
                + parenthesized(call.operand(1)) + " ESCAPE " + escape + ")";
    }

    /**
     * {@code arg_max(v, k) FILTER (WHERE c)}: the written aggregate is already filtered and subscripted, so the
     * FILTER's condition joins its own; {@code null} (written as it is) for any other aggregate.
     */
    private String filteredArgExtreme(SqlCall call) {
        if (!(call.operand(0) instanceof SqlCall aggregate)) {
            return null;
        }
        String name = aggregate.getOperator().getName().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "arg_max", "max_by" -> argExtreme(aggregate, "DESC", inline(call.operand(1)));
            case "arg_min", "min_by" -> argExtreme(aggregate, "ASC", inline(call.operand(1)));
            default -> null;
        };
    }

    /** @param condition the aggregate's FILTER condition, or {@code null} */
    private String argExtreme(SqlCall call, String direction, String condition) {
        String value = inline(call.operand(0));
        String key = inline(call.operand(1));
        return "(ARRAY_AGG(" + value + " ORDER BY " + collated(call.operand(1)) + " " + direction + ") FILTER (WHERE "
                + value + " IS NOT NULL AND " + key + " IS NOT NULL" + (condition == null ? "" : " AND (" + condition
                + ")") + "))[1]";
    }

    private String round(SqlCall call) {
        RelDataType type = tree.type(call.operand(0));
        if (type == null || !SqlTypeName.APPROX_TYPES.contains(type.getSqlTypeName())) {
            return null;
        }
        // DuckDB rounds a DOUBLE as round(x * 10^n) / 10^n in double arithmetic, half away from zero (std::round).
        // PostgreSQL's round of a double is half to even, and a double cast to numeric keeps 15 digits (1.005 * 100
        // is 100.49999999999999, which becomes 100.5): so the rounding is written in double arithmetic, where
        // TRUNC and the fraction y - TRUNC(y) are exact.
        int places = call.operandCount() > 1 ? ((SqlNumericLiteral) call.operand(1)).intValue(true) : 0;
        String factor = "CAST(" + java.math.BigInteger.TEN.pow(places) + " AS double precision)";
        String scaled = places == 0 ? "(" + inline(call.operand(0)) + ")" : "(" + inline(call.operand(0)) + " * "
                + factor + ")";
        String rounded = "(TRUNC(" + scaled + ") + CASE WHEN ABS(" + scaled + " - TRUNC(" + scaled + ")) >= 0.5 THEN"
                + " SIGN(" + scaled + ") ELSE 0 END)";
        return places == 0 ? rounded : "(" + rounded + " / " + factor + ")";
    }

    String literal(String text) {
        StringBuilder buffer = new StringBuilder();
        quoteStringLiteral(buffer, null, text);
        return buffer.toString();
    }
}
