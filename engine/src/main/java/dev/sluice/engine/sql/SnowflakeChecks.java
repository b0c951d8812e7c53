package dev.sluice.engine.sql;

import dev.sluice.sql.parser.SluiceOperators;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Walks a validated DuckDB query before it is written as Snowflake SQL: refuses every construct
 * Sluice cannot prove Snowflake runs with the same meaning (anything not on the lists below is
 * refused, so a new construct is refused until someone proves it), and makes explicit what DuckDB
 * leaves implicit and Snowflake decides differently: {@code NULLS LAST} on every sort key, and the
 * frame of an ordered aggregate window.
 *
 * <p>Not thread-safe: one instance per query; {@link #check} mutates the tree it is given.
 */
final class SnowflakeChecks {
    /** Constructs that mean the same in both, written the same. */
    private static final Set<SqlKind> SAME = Set.of(SqlKind.SELECT, SqlKind.JOIN, SqlKind.AS, SqlKind.WITH,
            SqlKind.WITH_ITEM, SqlKind.UNION, SqlKind.INTERSECT, SqlKind.EXCEPT, SqlKind.ORDER_BY, SqlKind.DESCENDING,
            SqlKind.NULLS_FIRST, SqlKind.NULLS_LAST, SqlKind.OVER, SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.AND, SqlKind.OR, SqlKind.NOT, SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.IS_DISTINCT_FROM,
            SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.IN, SqlKind.NOT_IN, SqlKind.BETWEEN, SqlKind.CASE, SqlKind.TIMES,
            SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX, SqlKind.COALESCE, SqlKind.NULLIF, SqlKind.COUNT, SqlKind.SUM,
            SqlKind.MIN, SqlKind.MAX, SqlKind.ROW_NUMBER, SqlKind.RANK, SqlKind.DENSE_RANK, SqlKind.LAG, SqlKind.LEAD,
            SqlKind.SCALAR_QUERY, SqlKind.EXISTS, SqlKind.VALUES, SqlKind.ROW, SqlKind.WINDOW,
            // the standard's, in both: GROUPING(...) is the same bit mask
            SqlKind.ROLLUP, SqlKind.CUBE, SqlKind.GROUPING_SETS, SqlKind.GROUPING, SqlKind.FIRST_VALUE,
            SqlKind.LAST_VALUE, SqlKind.NTILE, SqlKind.PRECEDING, SqlKind.FOLLOWING,
            // (rank - 1) / (rows - 1) and the share of rows up to the current row's peers, DOUBLEs in both (without
            // ORDER BY, which Snowflake requires, they are refused in over())
            SqlKind.PERCENT_RANK, SqlKind.CUME_DIST,
            // translated by SnowflakeDialect; their arguments are checked below
            SqlKind.CAST, SqlKind.DIVIDE, SqlKind.AVG, SqlKind.FILTER, SqlKind.TRIM, SqlKind.PLUS, SqlKind.MINUS,
            SqlKind.STRING_AGG, SqlKind.LISTAGG, SqlKind.WITHIN_GROUP, SqlKind.LIKE);
    /** Functions that compute the same in both, by the same name (lower-case). */
    static final Set<String> SAME_FUNCTIONS = Set.of("lower", "upper", "length", "abs", "ceil", "floor", "replace");
    /** Functions Snowflake spells differently and computes the same: DuckDB name to Snowflake's. */
    static final java.util.Map<String, String> RENAMED_FUNCTIONS = java.util.Map.of("starts_with", "STARTSWITH",
            "contains", "CONTAINS");
    /** The only function names allowed under the kinds of {@link #SAME}: a function is judged by its name. */
    private static final Set<String> STANDARD_NAMES = Set.of("coalesce", "nullif", "count", "sum", "min", "max",
            "row_number", "rank", "dense_rank", "lag", "lead", "avg", "trim", "string_agg", "listagg", "cast",
            "first_value", "last_value", "ntile", "grouping", "percent_rank", "cume_dist");
    private static final Set<SqlKind> AGGREGATES_WITH_FRAMES = Set.of(SqlKind.COUNT, SqlKind.SUM, SqlKind.MIN,
            SqlKind.MAX, SqlKind.AVG, SqlKind.FIRST_VALUE, SqlKind.LAST_VALUE);
    /**
     * {@code agg(x) FILTER (WHERE c)} is {@code agg(CASE WHEN c THEN x END)}: these skip NULLs, DISTINCT
     * included (a filtered-out row adds a NULL, which they ignore); bool_or and bool_and are MAX and MIN here.
     */
    private static final Set<SqlKind> FILTERABLE = Set.of(SqlKind.COUNT, SqlKind.SUM, SqlKind.MIN, SqlKind.MAX,
            SqlKind.AVG);
    /** Both arguments become CASEs: a filtered-out row has a NULL key, which these skip. */
    private static final Set<String> FILTERABLE_BY_KEY = Set.of("arg_max", "arg_min", "max_by", "min_by");
    /** DuckDB's week starts on Monday, as Snowflake's does with WEEK_START=1, which the connector sets. */
    private static final Set<String> DATE_TRUNC_UNITS = Set.of("year", "quarter", "month", "week", "day", "hour",
            "minute", "second");

    /** Window functions DuckDB computes without ORDER BY by making every row a peer; Snowflake requires one. */
    private static final Set<SqlKind> PEERS_WITHOUT_ORDER = Set.of(SqlKind.RANK, SqlKind.DENSE_RANK,
            SqlKind.PERCENT_RANK, SqlKind.CUME_DIST);

    /** The names Calcite's validator gives what the SQL leaves unnamed. */
    private static final java.util.regex.Pattern GENERATED_ALIAS = java.util.regex.Pattern.compile("EXPR\\$\\d+");

    private final SqlValidator validator;
    private final WarehouseDispatch.Prepared prepared;
    private final List<TableReference> writtenTables;
    private final List<TranslationRefusal> refusals = new ArrayList<>();
    /** JSON read out of JSON that leaves the query as a column's value ({@link JsonDocuments}). */
    private final Set<SqlNode> documents = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** JSON column references where a VARIANT means what DuckDB's JSON text does: see {@link #jsonColumn}. */
    private final Set<SqlNode> documentUses = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** The SELECTs being visited, innermost first. */
    private final java.util.Deque<SqlSelect> selects = new java.util.ArrayDeque<>();
    private final JsonColumns jsonColumns;
    private final DistinctOnWindows distinctOn;

    /**
     * @param writtenTables the relations as the query names them, before validation qualified them
     * @param distinctOn the windows the query's DISTINCT ON clauses were read as
     */
    SnowflakeChecks(SqlValidator validator, List<TableReference> writtenTables, WarehouseDispatch.Prepared prepared,
            DistinctOnWindows distinctOn) {
        this.distinctOn = distinctOn;
        this.prepared = prepared;
        this.validator = validator;
        this.writtenTables = writtenTables;
        this.jsonColumns = new JsonColumns(validator);
    }

    /** Checks and normalizes {@code query}; returns the refusals, empty when it may be written. */
    List<TranslationRefusal> check(SqlNode query) {
        outputNames(query);
        visit(query);
        refusals.sort(java.util.Comparator.comparingInt(TranslationRefusal::line)
                .thenComparingInt(TranslationRefusal::column));
        return refusals;
    }

    /** Output columns need names Snowflake gives the same: an expression without an alias has none. */
    private void outputNames(SqlNode query) {
        SqlNode body = query;
        while (true) {
            if (body instanceof SqlCall call && call.getKind() == SqlKind.ORDER_BY) {
                body = call.operand(0);
            } else if (body instanceof SqlCall call && call.getKind() == SqlKind.WITH) {
                body = call.operand(1);
            } else if (body instanceof SqlCall call && SqlKind.SET_QUERY.contains(call.getKind())) {
                body = call.operand(0);
            } else {
                break;
            }
        }
        if (body instanceof SqlSelect select) {
            for (SqlNode item : select.getSelectList()) {
                if (!(item instanceof SqlIdentifier) && item.getKind() != SqlKind.AS) {
                    refuse(item, "an output column without a name", "DuckDB and Snowflake name it differently; add"
                            + " `as <name>`");
                }
            }
        }
    }

    private void visit(SqlNode node) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlNodeList list) {
            list.forEach(this::visit);
        } else if (node instanceof SqlIdentifier identifier) {
            identifier(identifier);
        } else if (node instanceof SqlLiteral literal) {
            literal(literal);
        } else if (node instanceof SqlCall call) {
            call(call);
        }
    }

    /**
     * A JSON column is a VARIANT in Snowflake: it compares as a document and casts to text written Snowflake's way
     * (keys sorted, no spacing), where DuckDB compares and casts the text as sent. So it is translated only where it
     * means the same: an output column's value (the same document), the document JSON is read from, IS [NOT]
     * NULL and COUNT. Anywhere else it is refused by name.
     */
    private void jsonColumn(SqlIdentifier identifier) {
        if (documentUses.contains(identifier)) {
            return;
        }
        String column = jsonColumns.jsonColumn(identifier, selects.peek());
        if (column != null) {
            refuse(identifier, identifier.toString(), "the JSON column " + column + " used as text: Snowflake's"
                    + " VARIANT compares as a document and is cast to text with its keys sorted and without spacing,"
                    + " not as DuckDB keeps the text sent; read a field with json_extract_string(" + identifier
                    + ", '$.key'), or write the expression once per warehouse with dispatch(...)");
        }
    }

    private void identifier(SqlIdentifier identifier) {
        jsonColumn(identifier);
        for (int index = 0; index < identifier.names.size(); index++) {
            String name = identifier.names.get(index);
            boolean generatedQualifier = index < identifier.names.size() - 1 && GENERATED_ALIAS.matcher(name).matches();
            if (!name.isEmpty() && !generatedQualifier && !SnowflakeIdentifiers.translatable(name)) {
                refuse(identifier, "\"" + name + "\"", "Snowflake matches a quoted name by its exact case; only"
                        + " simple names (letters, digits, _) mean the same object in both; rename it");
                return;
            }
        }
    }

    private void literal(SqlLiteral literal) {
        if (literal instanceof SqlIntervalLiteral) {
            refuse(literal, literal.toString(), "an interval is translated only when added to or subtracted from a"
                    + " DATE or TIMESTAMP");
            return;
        }
        SqlTypeName type = literal.getTypeName();
        switch (type) {
            case CHAR, DECIMAL, DOUBLE, REAL, INTEGER, BIGINT, BOOLEAN, NULL, DATE, TIMESTAMP, SYMBOL, UNKNOWN -> { }
            default -> refuse(literal, literal.toString(), "a " + type + " literal is not translated");
        }
    }

    private void call(SqlCall call) {
        SqlKind kind = call.getKind();
        if (SnowflakeSeries.isSeries(call)) {
            // its literal arguments are part of the translated whole (SnowflakeSeries)
            String problem = SnowflakeSeries.plan(call).problem();
            if (problem != null) {
                refuse(call, TranslationRefusal.constructOf(call, true), problem);
            }
            return;
        }
        if (kind == SqlKind.AS && (call.operand(0).isA(SqlKind.QUERY) || call.operand(0).getKind() == SqlKind.COLLECTION_TABLE
                || call.operand(0).getKind() == SqlKind.PIVOT || call.operand(0).getKind() == SqlKind.UNPIVOT)
                && call.operand(1) instanceof SqlIdentifier alias
                && GENERATED_ALIAS.matcher(alias.getSimple()).matches()) {
            // the validator's name for a derived table it made (ORDER BY over UNION is read as
            // SELECT * FROM (...) ORDER BY): no column is named by it, and Snowflake reads EXPR$0 unquoted
            visit(call.operand(0));
            return;
        }
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (kind == SqlKind.AS) {
            documentUses.addAll(call.getOperandList().subList(1, call.operandCount())); // names, not columns
        }
        if (kind == SqlKind.IS_NULL || kind == SqlKind.IS_NOT_NULL
                || kind == SqlKind.COUNT && call.getFunctionQuantifier() == null) {
            documentUses.addAll(call.getOperandList()); // whether there is a value means the same
        }
        if ((kind == SqlKind.IS_NULL || kind == SqlKind.IS_NOT_NULL) && call.operand(0) instanceof SqlCall access
                && JsonDocuments.isJsonAccess(access)) {
            // json_extract(j, path) IS NULL: NULL for a missing key in both; a JSON null is a value in both (DuckDB's
            // JSON 'null', Snowflake's VARIANT null), so only a missing key is NULL
            documents.add(access);
        }
        if (name.equals("json_array_length") && call.operandCount() == 1 && call.operand(0) instanceof SqlCall access
                && JsonDocuments.isJsonAccess(access)) {
            documents.add(access); // read as a document: SnowflakeFunctions writes the array's size
        }
        if (WarehouseDispatch.isDispatch(call)) {
            // the package's Snowflake body replaces the DuckDB one, which is not translated
            String problem = WarehouseDispatch.problem(prepared, call, "snowflake", ModelDialect.SNOWFLAKE);
            if (problem != null) {
                refuse(call, "dispatch(...)", problem);
            }
            return;
        }
        if (dev.sluice.sql.parser.UnionByName.isUnionByName(call)) {
            String problem = new SnowflakeUnionByName(validator).problem(call);
            if (problem != null) {
                refuse(call, call.getOperator().getName(), problem);
            }
            call.getOperandList().forEach(this::visit);
            return;
        }
        DuckDbConstructs.Refusal duckDbOnly = DuckDbConstructs.refusal(call);
        if (duckDbOnly != null) {
            refuse(call, duckDbOnly.construct(), duckDbOnly.reason());
            return;
        }
        if (call instanceof SqlJoin join) {
            JoinType type = join.getJoinType();
            if (type != JoinType.INNER && type != JoinType.LEFT && type != JoinType.RIGHT && type != JoinType.FULL
                    && type != JoinType.CROSS && type != JoinType.COMMA) {
                refuse(join, type.name().replace('_', ' ') + " JOIN", "Snowflake has no such join; write EXISTS or"
                        + " NOT EXISTS");
            }
        } else if (call instanceof SqlSelect select) {
            if (distinctOn.withQualify(select)) {
                refuse(select.getQualify(), "DISTINCT ON with QUALIFY", "DuckDB keeps the first row of each group"
                        + " among the rows QUALIFY keeps; Sluice reads DISTINCT ON as a QUALIFY of its own, computed"
                        + " before the query's; filter in a subquery and select DISTINCT ON from it");
            }
            documents.addAll(JsonDocuments.outputsOf(select));
            documentOutputs(select);
            orderList(select.getOrderList());
            restoreTableNames(select.getFrom());
            selects.push(select);
            try {
                call.getOperandList().forEach(this::visit);
            } finally {
                selects.pop();
            }
            if (select.getWindowList().size() > 0) {
                // every use was written inline by over(), or refused there
                select.getWindowList().clear();
            }
            return;
        } else if (kind == SqlKind.ORDER_BY) {
            orderList(call.operand(1));
        } else if (call instanceof SqlWindow window) {
            orderList(window.getOrderList());
        } else if (kind == SqlKind.OVER) {
            over(call);
        } else if (kind == SqlKind.WITHIN_GROUP) {
            orderList(call.operand(1));
        } else if (kind == SqlKind.CAST) {
            cast(call);
        } else if (kind == SqlKind.SAFE_CAST) {
            RelDataType to = validator.getValidatedNodeTypeIfKnown(call);
            RelDataType from = validator.getValidatedNodeTypeIfKnown(call.operand(0));
            if (from == null || !SqlTypeName.CHAR_TYPES.contains(from.getSqlTypeName()) || to == null
                    || to.getSqlTypeName() != SqlTypeName.BOOLEAN) {
                refuse(call, "try_cast(... as " + (to == null ? "?" : to.getSqlTypeName()) + ")", "translated from"
                        + " text to BOOLEAN only");
            }
        } else if (kind == SqlKind.PLUS || kind == SqlKind.MINUS || name.equals("+") || name.equals("-")) {
            if (SnowflakeDialect.interval(call) != null) {
                dateArithmetic(call);
                return;
            }
            if (isDatetime(call.operand(0)) && isDatetime(call.operand(1))) {
                refuse(call, "timestamp - timestamp", "DuckDB subtracts timestamps to an INTERVAL, which Snowflake does not"
                        + " have; write datediff('unit', a, b)");
            }
        } else if (kind == SqlKind.TIMES) {
            if (DecimalProducts.snowflakeDropsDigits(validator.getValidatedNodeTypeIfKnown(call.operand(0)),
                    validator.getValidatedNodeTypeIfKnown(call.operand(1)))) {
                refuse(call, "* of decimals", DecimalProducts.reason());
            }
        } else if (kind == SqlKind.FILTER) {
            SqlCall aggregate = call.operand(0);
            String aggregateName = aggregate.getOperator().getName().toLowerCase(Locale.ROOT);
            boolean oneArgument = FILTERABLE.contains(aggregate.getKind()) && (STANDARD_NAMES.contains(aggregateName)
                    || aggregateName.equals("bool_or") || aggregateName.equals("bool_and")) && aggregate.operandCount() <= 1;
            boolean byKey = FILTERABLE_BY_KEY.contains(aggregateName) && aggregate.operandCount() == 2
                    && aggregate.getFunctionQuantifier() == null;
            if (!oneArgument && !byKey) {
                refuse(call, aggregate.getOperator().getName() + "(...) FILTER (WHERE ...)", "FILTER is translated"
                        + " to a CASE inside count, sum, min, max and avg of one argument, bool_or, bool_and and"
                        + " arg_max/arg_min");
            }
        } else if (kind == SqlKind.ARRAY_AGG) {
            arrayAgg(call, name);
        } else if (kind == SqlKind.STRING_AGG || kind == SqlKind.LISTAGG) {
            if (call.operandCount() > 3 || call.operandCount() == 3 && !(call.operand(2) instanceof SqlNodeList)) {
                refuse(call, name + "(...)", "only string_agg(value, separator [order by ...]) is translated");
            }
            if (call.operand(call.operandCount() - 1) instanceof SqlNodeList order) {
                orderList(order);
            }
        } else if (kind == SqlKind.LIKE && !Set.of("like", "not like", "ilike", "not ilike").contains(name)) {
            refuse(call, name.toUpperCase(Locale.ROOT), "not translated");
        } else if (kind == SqlKind.LIKE && call.operandCount() == 2
                && !(call.operand(1) instanceof org.apache.calcite.sql.SqlCharStringLiteral pattern
                        && !pattern.getValueAs(String.class).contains("\\"))) {
            // A backslash is plain text in DuckDB's patterns and escapes the next character in Snowflake's
            refuse(call, name.toUpperCase(Locale.ROOT) + " with a pattern that is not a literal without a backslash",
                    "a backslash is plain text in DuckDB's patterns and escapes the next character in Snowflake's;"
                            + " write the pattern as a literal, or say ESCAPE");
        } else if (SnowflakeFunctions.rule(call) != null) {
            String problem = SnowflakeFunctions.rule(call).problem().apply(call, context());
            if (name.equals("list_has_any")) {
                if (problem != null) {
                    refuse(call, name + "(...)", problem);
                }
                visit(call.operand(0)); // the list literal is part of the rule
                return;
            }
            if (name.equals("time_bucket")) {
                if (problem != null) {
                    refuse(call, name + "(...)", problem);
                }
                visit(call.operand(call.operandCount() - 1)); // the interval is part of the rule
                return;
            } else if (problem != null) {
                refuse(call, name + "(...)", problem);
            } else if (SnowflakeFunctions.sortedListValue(call) != null && name.equals("array_to_string")) {
                // the list functions inside are part of the translated whole
                visit(SnowflakeFunctions.sortedListValue(call));
                visit(call.operand(1));
                return;
            }
        } else if (name.equals("||") || SAME_FUNCTIONS.contains(name) || RENAMED_FUNCTIONS.containsKey(name)) {
            // NULL || 'x' is NULL in both
        } else if (call.getOperator() == SluiceOperators.JSON_TEXT_ARROW || name.equals("json_extract_string")) {
            documentUses.add(call.operand(0)); // JSON is read out of it: a document in both
            if (SnowflakeDialect.jsonPath(call.operand(1)) == null) {
                refuse(call, call.toString(), "only a literal path of simple names and array indexes ('$.a.\"b\"[0]'"
                        + " or 'a') is translated to JSON_EXTRACT_PATH_TEXT");
            }
        } else if (JsonDocuments.isJsonAccess(call) && documents.contains(call)) {
            documentUses.add(call.operand(0));
            if (SnowflakeDialect.jsonPath(call.operand(1)) == null || call.operand(0) instanceof SqlCall inner
                    && JsonDocuments.isJsonAccess(inner)) {
                refuse(call, call.toString(), "only a literal path of simple names and array indexes ('$.a.\"b\"[0]'"
                        + " or 'a') is translated to GET_PATH");
            }
        } else if (name.equals("date_trunc")) {
            dateTrunc(call);
        } else if (SAME.contains(kind) && call.getOperator() instanceof org.apache.calcite.sql.SqlFunction
                && !STANDARD_NAMES.contains(name)) {
            // Calcite files some functions under a standard kind (bool_or under MAX, every under MIN).
            refuse(call, name + "(...)", "Calcite reads it as " + kind + ", but Sluice has not proven that Snowflake"
                    + " computes " + name + " the same; see docs/snowflake.md");
            return;
        } else if (!SAME.contains(kind)) {
            refuse(call, TranslationRefusal.constructOf(call, call.getOperator().getSyntax() == SqlSyntax.FUNCTION),
                    "Sluice knows no Snowflake"
                    + " construct that is certain to compute the same; see docs/snowflake.md");
            return;
        }
        for (SqlNode operand : call.getOperandList()) {
            visit(operand);
        }
    }

    /** An output column's value is the same document in both, unless SELECT DISTINCT compares it. */
    private void documentOutputs(SqlSelect select) {
        if (select.isDistinct()) {
            return;
        }
        for (SqlNode item : select.getSelectList()) {
            SqlNode value = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            documentUses.add(value);
            if (value instanceof org.apache.calcite.sql.fun.SqlCase sqlCase) {
                documentUses.addAll(sqlCase.getThenOperands().getList());
                documentUses.add(sqlCase.getElseOperand());
            }
        }
    }

    /**
     * Puts back each relation's name as written. Validation qualifies {@code __sluice_cte__x} (an ephemeral
     * model, inlined as a CTE of that name) with the default schema, which would read a table instead.
     */
    private void restoreTableNames(SqlNode from) {
        if (from instanceof SqlJoin join) {
            restoreTableNames(join.getLeft());
            restoreTableNames(join.getRight());
        } else if (from instanceof SqlCall call && call.getKind() == SqlKind.AS) {
            restoreTableNames(call.operand(0));
        } else if (from instanceof SqlIdentifier table) {
            writtenTables.stream().filter(written -> written.line() == table.getParserPosition().getLineNum()
                            && written.column() == table.getParserPosition().getColumnNum())
                    .findFirst().ifPresent(written -> table.setNames(written.names(), null));
        }
    }

    private void over(SqlCall over) {
        SqlCall function = over.operand(0);
        SqlNode windowNode = over.operand(1);
        SqlWindow declared = windowNode instanceof SqlIdentifier name ? declaredWindow(name) : null;
        if (declared != null) {
            // Snowflake has no WINDOW clause: the window is written where it is used (the SELECT's list is dropped)
            windowNode = SqlWindow.create(null, null, declared.getPartitionList(), declared.getOrderList(),
                    SqlLiteral.createBoolean(declared.isRows(), declared.getParserPosition()), declared.getLowerBound(),
                    declared.getUpperBound(), SqlLiteral.createBoolean(declared.isAllowPartial(),
                            declared.getParserPosition()), declared.getParserPosition());
            over.setOperand(1, windowNode);
            orderList(((SqlWindow) windowNode).getOrderList());
        }
        if (!(windowNode instanceof SqlWindow window)) {
            refuse(over, "OVER " + windowNode, "a named window is not translated; write the window inline");
            return;
        }
        if (distinctOn.isRowNumber(over)) {
            if (window.getOrderList().isEmpty()) {
                refuse(over, "DISTINCT ON without ORDER BY", "which row of each group is kept is arbitrary, and DuckDB"
                        + " and Snowflake may choose differently; add an ORDER BY that decides it (by column names or"
                        + " expressions, not `*` ordinals)");
            }
        } else if (function.getKind() == SqlKind.ROW_NUMBER && window.getOrderList().isEmpty()) {
            refuse(over, "row_number() without ORDER BY", "which row gets which number is arbitrary, and DuckDB and"
                    + " Snowflake may choose differently; order the window");
        }
        if (window.getOrderList().isEmpty() && PEERS_WITHOUT_ORDER.contains(function.getKind())) {
            refuse(over, function.getOperator().getName() + "(...) without ORDER BY", "Snowflake requires an ORDER BY"
                    + " here; DuckDB makes every row of the partition a peer (rank and dense_rank 1, percent_rank 0,"
                    + " cume_dist 1): write that constant");
        }
        if (function.getKind() == SqlKind.FILTER) {
            refuse(over, "FILTER with OVER", "not translated");
        }
        if (!window.isRows() && (offset(window.getLowerBound()) || offset(window.getUpperBound()))) {
            refuse(over, "RANGE BETWEEN with an offset", "Snowflake's RANGE frames with offsets differ; write ROWS, or"
                    + " compare dates in a join");
        }
        if (FILTERABLE_BY_KEY.contains(function.getOperator().getName().toLowerCase(Locale.ROOT))) {
            refuse(over, function.getOperator().getName() + "(...) OVER", "Snowflake's MAX_BY and MIN_BY are not"
                    + " window functions");
        }
        if (function.getKind() == SqlKind.ARRAY_AGG) {
            refuse(over, function.getOperator().getName() + "(...) OVER", "not translated over a window");
        }
        if (function.getOperator().getName().equalsIgnoreCase("mode")) {
            refuse(over, "mode(...) OVER", "Snowflake's window MODE takes no ORDER BY or frame; not translated");
        }
        if (SnowflakeFunctions.PERCENTILES.contains(function.getOperator().getName().toLowerCase(Locale.ROOT))) {
            refuse(over, function.getOperator().getName() + "(...) OVER", "Snowflake's PERCENTILE_CONT over a window"
                    + " takes no ORDER BY or frame; not translated");
        }
        if ((function.getKind() == SqlKind.NTILE || function.getKind() == SqlKind.FIRST_VALUE
                || function.getKind() == SqlKind.LAST_VALUE || function.getKind() == SqlKind.LAG
                || function.getKind() == SqlKind.LEAD) && window.getOrderList().isEmpty()) {
            refuse(over, function.getOperator().getName() + "(...) without ORDER BY", "which row comes first is"
                    + " arbitrary, and DuckDB and Snowflake may choose differently; order the window");
        }
        if (AGGREGATES_WITH_FRAMES.contains(function.getKind()) && !window.getOrderList().isEmpty()
                && window.getLowerBound() == null) {
            // The SQL standard's default, which DuckDB applies; written out so no default decides in Snowflake.
            window.setLowerBound(SqlWindow.createUnboundedPreceding(window.getParserPosition()));
            window.setUpperBound(SqlWindow.createCurrentRow(window.getParserPosition()));
            window.setRows(SqlLiteral.createBoolean(false, window.getParserPosition()));
        }
    }

    /** The window the innermost SELECT declares by {@code name} and defines whole, or {@code null}. */
    private SqlWindow declaredWindow(SqlIdentifier name) {
        SqlSelect select = selects.peek();
        if (select == null || !name.isSimple()) {
            return null;
        }
        for (SqlNode node : select.getWindowList()) {
            if (node instanceof SqlWindow window && window.getDeclName() != null && window.getRefName() == null
                    && window.getDeclName().getSimple().equalsIgnoreCase(name.getSimple())) {
                return window;
            }
        }
        return null;
    }

    /** A frame bound of {@code n PRECEDING} or {@code n FOLLOWING} (ROWS frames mean the same rows in both). */
    private static boolean offset(SqlNode bound) {
        return bound instanceof SqlCall call && (call.getKind() == SqlKind.PRECEDING || call.getKind() == SqlKind.FOLLOWING);
    }

    private void orderList(SqlNodeList order) {
        if (order == null) {
            return;
        }
        for (int index = 0; index < order.size(); index++) {
            SqlNode item = order.get(index);
            if (item.getKind() != SqlKind.NULLS_FIRST && item.getKind() != SqlKind.NULLS_LAST) {
                // DuckDB sorts NULLs last in both directions; Snowflake puts them first when descending.
                order.set(index, SqlStdOperatorTable.NULLS_LAST.createCall(item.getParserPosition(), item));
            }
        }
    }

    /**
     * {@code array_agg(x [order by k])}: DuckDB keeps NULLs in the list, Snowflake's ARRAY_AGG drops them, so only
     * a value the validator knows is never NULL is translated; DuckDB gives NULL where there is no row, which the
     * translation writes out ({@link SnowflakeDialect}).
     */
    private void arrayAgg(SqlCall call, String name) {
        boolean ordered = call.operandCount() == 2 && call.operand(1) instanceof SqlNodeList;
        RelDataType value = call.operandCount() >= 1 ? validator.getValidatedNodeTypeIfKnown(call.operand(0)) : null;
        if (!name.equals("array_agg") && !name.equals("list") || call.operandCount() != 1 && !ordered
                || call.getFunctionQuantifier() != null) {
            refuse(call, name + "(...)", "translated as array_agg(x [order by ...]) without DISTINCT");
        } else if (value == null || value.isNullable()) {
            refuse(call, name + "(...)", "DuckDB keeps NULL values in the list, Snowflake's ARRAY_AGG drops them:"
                    + " translated for a value that cannot be NULL (a NOT NULL column); filter NULLs out with"
                    + " FILTER (WHERE x IS NOT NULL) in both, or coalesce them");
        } else if (ordered) {
            orderList(call.operand(1));
        }
    }

    private void cast(SqlCall cast) {
        RelDataType from = validator.getValidatedNodeTypeIfKnown(cast.operand(0));
        RelDataType to = ValidatedTree.typeOf(validator, cast);
        String text = SnowflakeFunctions.text(cast.operand(0));
        String problem = from == null || to == null ? "its types are unknown"
                : text != null && SnowflakeDatetimeLiterals.of(text, to.getSqlTypeName()) != null ? null
                : SnowflakeDialect.castProblem(from.getSqlTypeName(), to.getSqlTypeName());
        if (problem != null) {
            // the operand's position: DuckDB's infix `x::T` has none of its own
            refuse(cast.operand(0), "cast(... as " + (to == null ? "?" : to.getSqlTypeName()) + ")", problem);
        }
    }

    private void dateArithmetic(SqlCall call) {
        SqlNode interval = SnowflakeDialect.interval(call);
        int intervalIndex = call.operand(0) == interval ? 0 : 1;
        SqlNode datetime = call.operand(1 - intervalIndex);
        RelDataType type = validator.getValidatedNodeTypeIfKnown(datetime);
        SnowflakeDialect.IntervalAmount amount = SnowflakeDialect.intervalAmount(interval);
        // a TIMESTAMPTZ moves by fixed lengths alike: DuckDB's in UTC (the connection pins TimeZone), Snowflake's
        // TIMESTAMP_TZ in its value's fixed offset (TIMESTAMP_LTZ in TIMEZONE=UTC); months and years would follow
        // the calendar of the offset, so they are not translated
        boolean zoned = type != null && type.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        if (zoned && amount != null && !Set.of("DAY", "HOUR", "MINUTE", "SECOND").contains(amount.unit())) {
            refuse(call, call.toString(), "on a TIMESTAMPTZ, intervals of days, hours, minutes and seconds are"
                    + " translated (months follow the calendar of the value's offset in Snowflake)");
        } else if (type == null || type.getSqlTypeName() != SqlTypeName.DATE && type.getSqlTypeName() != SqlTypeName.TIMESTAMP
                && !zoned) {
            refuse(call, call.toString(), "interval arithmetic is translated on DATE, TIMESTAMP and TIMESTAMPTZ only");
        } else if (intervalIndex == 0 && call.getKind() == SqlKind.MINUS) {
            refuse(call, call.toString(), "an interval minus a date is not a date");
        } else if (SnowflakeDialect.intervalAmount(interval) == null) {
            refuse(interval, interval.toString(), "only a constant interval of one unit (year, month, day, hour,"
                    + " minute, second) is translated");
        }
        visit(datetime);
    }

    private boolean isDatetime(SqlNode node) {
        RelDataType type = validator.getValidatedNodeTypeIfKnown(node);
        return type != null && SqlTypeName.DATETIME_TYPES.contains(type.getSqlTypeName());
    }

    private void dateTrunc(SqlCall call) {
        SqlNode unit = call.operand(0);
        RelDataType type = validator.getValidatedNodeTypeIfKnown(call.operand(1));
        String unitName = unit instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.CHAR
                ? literal.getValueAs(String.class).toLowerCase(Locale.ROOT) : null;
        if (unitName == null || !DATE_TRUNC_UNITS.contains(unitName)) {
            refuse(call, "date_trunc(" + unit + ", ...)", "units are translated when written as a literal: year,"
                    + " quarter, month, week, day, hour, minute, second");
        } else if (type == null || type.getSqlTypeName() != SqlTypeName.DATE
                && type.getSqlTypeName() != SqlTypeName.TIMESTAMP) {
            refuse(call, "date_trunc(" + unit + ", ...)", "translated on DATE and TIMESTAMP only (a time zone's"
                    + " day boundaries depend on the session)");
        }
        visit(call.operand(1));
    }

    private SnowflakeFunctions.Context context() {
        return new SnowflakeFunctions.Context() {
            @Override
            public RelDataType type(SqlNode node) {
                return validator.getValidatedNodeTypeIfKnown(node);
            }

            @Override
            public String write(SqlNode node) {
                throw new IllegalStateException("checks do not write SQL");
            }
        };
    }

    private void refuse(SqlNode node, String construct, String reason) {
        // The validator's expansions can put one written node in two places: report it once.
        boolean seen = refusals.stream().anyMatch(refusal -> refusal.line() == node.getParserPosition().getLineNum()
                && refusal.column() == node.getParserPosition().getColumnNum() && refusal.construct().equals(construct));
        if (seen) {
            return;
        }
        refusals.add(new TranslationRefusal(node.getParserPosition().getLineNum(),
                node.getParserPosition().getColumnNum(), construct, reason));
    }
}
