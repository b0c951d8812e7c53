package dev.sluice.engine.sql.postgres;

import dev.sluice.engine.sql.TableReference;
import dev.sluice.engine.sql.TranslationRefusal;
import dev.sluice.engine.sql.ValidatedTree;
import dev.sluice.sql.parser.DuckDbSlices;
import dev.sluice.sql.parser.SluiceOperators;
import dev.sluice.sql.parser.UnionByName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Walks a validated DuckDB query before it is written as PostgreSQL SQL: refuses every construct Sluice
 * cannot prove PostgreSQL runs with the same meaning (anything not on the lists below is refused, so a new
 * construct is refused until someone proves it), and makes explicit what DuckDB leaves implicit and
 * PostgreSQL decides differently: {@code NULLS LAST} on every sort key, and {@code COLLATE "C"} on text
 * sort keys.
 *
 * <p>Not thread-safe: one instance per query; {@link #check} mutates the tree it is given.
 */
final class PostgresChecks {
    /** Constructs that mean the same in both and are written the same, or translated by {@link PostgresDialect}. */
    private static final Set<SqlKind> SAME = Set.of(SqlKind.SELECT, SqlKind.JOIN, SqlKind.AS, SqlKind.WITH,
            SqlKind.WITH_ITEM, SqlKind.UNION, SqlKind.INTERSECT, SqlKind.EXCEPT, SqlKind.ORDER_BY, SqlKind.DESCENDING,
            SqlKind.NULLS_FIRST, SqlKind.NULLS_LAST, SqlKind.OVER, SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.AND, SqlKind.OR, SqlKind.NOT, SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.IS_DISTINCT_FROM,
            SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.IS_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_TRUE, SqlKind.IS_NOT_FALSE,
            SqlKind.IN, SqlKind.NOT_IN, SqlKind.BETWEEN, SqlKind.CASE, SqlKind.TIMES, SqlKind.MOD,
            SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX, SqlKind.COALESCE, SqlKind.NULLIF, SqlKind.GREATEST,
            SqlKind.LEAST, SqlKind.COUNT, SqlKind.SUM, SqlKind.MIN, SqlKind.MAX, SqlKind.ROW_NUMBER, SqlKind.RANK,
            SqlKind.DENSE_RANK, SqlKind.PERCENT_RANK, SqlKind.CUME_DIST, SqlKind.NTILE, SqlKind.LAG, SqlKind.LEAD,
            SqlKind.FIRST_VALUE, SqlKind.LAST_VALUE, SqlKind.SCALAR_QUERY, SqlKind.EXISTS, SqlKind.VALUES,
            SqlKind.ROW, SqlKind.WINDOW, SqlKind.FILTER, SqlKind.ROLLUP, SqlKind.CUBE, SqlKind.GROUPING_SETS,
            SqlKind.GROUPING, SqlKind.PRECEDING, SqlKind.FOLLOWING, SqlKind.LATERAL,
            // translated by PostgresDialect; their arguments are checked below
            SqlKind.CAST, SqlKind.DIVIDE, SqlKind.AVG, SqlKind.TRIM, SqlKind.PLUS, SqlKind.MINUS, SqlKind.STRING_AGG,
            SqlKind.LISTAGG, SqlKind.WITHIN_GROUP, SqlKind.LIKE, SqlKind.EXTRACT);
    /**
     * Functions by name (Calcite files some under a kind they share with others: bool_or is a MAX): those
     * PostgreSQL computes the same under the same name, and those {@link PostgresDialect} writes.
     */
    private static final Set<String> FUNCTIONS = Set.of("lower", "upper", "abs", "ceil", "ceiling", "floor",
            "replace", "coalesce", "nullif", "greatest", "least", "count", "sum", "min", "max", "bool_or", "bool_and",
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
            "last_value", "left", "right", "concat", "concat_ws", "md5", "grouping",
            // PostgresDialect
            "avg", "string_agg", "listagg", "date_trunc", "date_part", "datepart", "date_diff", "datediff", "epoch",
            "epoch_ms", "arg_max", "max_by", "arg_min", "min_by", "round", "len", "length", "char_length",
            "character_length", "strlen", "octet_length", "contains", "starts_with", "regexp_matches", "split_part",
            "substring", "substr", "interval", "trim", "extract", "regexp_extract", "regexp_replace", "median",
            "quantile_cont", "dayofweek", "dayname", "monthname", "current_timestamp", "array_to_string", "position",
            "strftime", "last_day", "make_date", "generate_series");
    /** A function is allowed by its name, never by its kind alone. */
    private static final Set<SqlSyntax> FUNCTION_SYNTAX = Set.of(SqlSyntax.FUNCTION, SqlSyntax.FUNCTION_STAR,
            SqlSyntax.FUNCTION_ID, SqlSyntax.ORDERED_FUNCTION);
    private static final Set<String> LIKES = Set.of("like", "not like", "ilike", "not ilike");

    private final ValidatedTree tree;
    /** The names Calcite's validator gives what the SQL leaves unnamed. */
    private static final java.util.regex.Pattern GENERATED_ALIAS = java.util.regex.Pattern.compile("EXPR\\$\\d+");

    private final dev.sluice.engine.sql.WarehouseDispatch.Prepared prepared;
    private final List<TranslationRefusal> refusals = new ArrayList<>();
    /** The SELECTs being visited, innermost first. */
    private final java.util.Deque<SqlSelect> selects = new java.util.ArrayDeque<>();
    /** JSON read out of JSON that leaves the query as a column's value ({@link JsonPaths#documentsOf}). */
    private final Set<SqlNode> documents = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** JSON column references where jsonb means what DuckDB's JSON text does: see {@link #jsonColumn}. */
    private final Set<SqlNode> documentUses = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final dev.sluice.engine.sql.JsonColumns jsonColumns;
    /** Sort keys that name or number an output column: PostgreSQL takes them bare. */
    private final Set<SqlNode> outputReferences = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    PostgresChecks(ValidatedTree tree, dev.sluice.engine.sql.WarehouseDispatch.Prepared prepared) {
        this.tree = tree;
        this.prepared = prepared;
        this.jsonColumns = new dev.sluice.engine.sql.JsonColumns(tree.validator());
    }

    /** Checks and normalizes the tree; returns the refusals, empty when it may be written. */
    List<TranslationRefusal> check() {
        outputNames(tree.tree());
        visit(tree.tree());
        refusals.sort(Comparator.comparingInt(TranslationRefusal::line).thenComparingInt(TranslationRefusal::column));
        return refusals;
    }

    /** Output columns need names PostgreSQL gives the same: an expression without an alias has none. */
    private void outputNames(SqlNode query) {
        SqlNode body = query;
        while (body instanceof SqlCall call && (call.getKind() == SqlKind.ORDER_BY || call.getKind() == SqlKind.WITH
                || SqlKind.SET_QUERY.contains(call.getKind()))) {
            body = call.getKind() == SqlKind.WITH ? call.operand(1) : call.operand(0);
        }
        if (body instanceof SqlSelect select) {
            for (SqlNode item : select.getSelectList()) {
                if (!(item instanceof SqlIdentifier) && item.getKind() != SqlKind.AS) {
                    refuse(item, "an output column without a name", "DuckDB and PostgreSQL name it differently; add"
                            + " `as <name>`");
                }
            }
        }
    }

    private void visit(SqlNode node) {
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

    private void identifier(SqlIdentifier identifier) {
        jsonColumn(identifier);
        for (int index = 0; index < identifier.names.size(); index++) {
            String name = identifier.names.get(index);
            if (index < identifier.names.size() - 1 && GENERATED_ALIAS.matcher(name).matches()) {
                continue; // the validator's name for a relation the query leaves unnamed: see call()
            }
            if (!name.isEmpty() && !PostgresIdentifiers.translatable(name)) {
                refuse(identifier, "\"" + name + "\"", "Sluice names PostgreSQL's relations and columns in lower"
                        + " case; only simple names (letters, digits, _) mean the same object in both; rename it");
                return;
            }
        }
    }

    private void literal(SqlLiteral literal) {
        SqlTypeName type = literal.getTypeName();
        if (literal instanceof SqlIntervalLiteral) {
            return; // INTERVAL '30' MINUTE reads the same; where it may stand is checked with + and -
        }
        switch (type) {
            case CHAR, DECIMAL, INTEGER, BIGINT, BOOLEAN, NULL, DATE, TIMESTAMP, SYMBOL, UNKNOWN -> { }
            // 1e3 is a DOUBLE in DuckDB and a NUMERIC in PostgreSQL
            default -> refuse(literal, literal.toString(), "a " + type + " literal is not translated; write a"
                    + " decimal number or cast(... as double)");
        }
    }

    private void call(SqlCall call) {
        SqlKind kind = call.getKind();
        String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (call.getOperator() == PostgresOperators.COLLATE_C || call.getOperator() == PostgresOperators.AS_BIGINT) {
            visit(call.operand(0)); // added by this check
            return;
        }
        if (kind == SqlKind.AS && call.operandCount() == 2 && isRelation(call.operand(0))
                && call.operand(1) instanceof SqlIdentifier alias && GENERATED_ALIAS.matcher(alias.getSimple()).matches()) {
            // the validator's name for a subquery, PIVOT or table function the query leaves unnamed: written as
            // EXPR$0 unquoted, which PostgreSQL folds to expr$0 at every use (and requires of a subquery in FROM)
            visit(call.operand(0));
            return;
        }
        if (kind == SqlKind.AS) {
            documentUses.addAll(call.getOperandList().subList(1, call.operandCount())); // names, not columns
        }
        if (kind == SqlKind.IS_NULL || kind == SqlKind.IS_NOT_NULL
                || kind == SqlKind.COUNT && call.getFunctionQuantifier() == null) {
            documentUses.addAll(call.getOperandList()); // whether there is a value means the same
        }
        if (dev.sluice.engine.sql.WarehouseDispatch.isDispatch(call)) {
            // the package's PostgreSQL body replaces the DuckDB one, which is not translated
            String problem = dev.sluice.engine.sql.WarehouseDispatch.problem(prepared, call, "postgres",
                    dev.sluice.engine.sql.ModelDialect.POSTGRES);
            if (problem != null) {
                refuse(call, "dispatch(...)", problem);
            }
            return;
        }
        if (UnionByName.isUnionByName(call)) {
            refuse(call, call.getOperator().getName(), "PostgreSQL's set operations match columns by position; list"
                    + " the same columns in the same order on both sides and write UNION [ALL]");
            return;
        }
        if (DuckDbSlices.isSlice(call)) {
            refuse(call, "x[a:b]", "PostgreSQL slices arrays only; for a string write substr(x, a, b - a + 1)");
            return;
        }
        if (kind == SqlKind.COLLECTION_TABLE && call.operand(0) instanceof SqlCall series
                && series.getOperator().getName().equalsIgnoreCase("generate_series")) {
            String problem = PostgresFunctionChecks.seriesProblem(series);
            if (problem != null) {
                refuse(call, "GENERATE_SERIES(...)", problem);
            }
            return; // its arguments are literals
        }
        if (call instanceof SqlJoin join) {
            JoinType type = join.getJoinType();
            if (type != JoinType.INNER && type != JoinType.LEFT && type != JoinType.RIGHT && type != JoinType.FULL
                    && type != JoinType.CROSS && type != JoinType.COMMA) {
                refuse(join, type.name().replace('_', ' ') + " JOIN", "PostgreSQL has no such join; write EXISTS or"
                        + " NOT EXISTS");
            }
        } else if (call instanceof SqlSelect select) {
            select(select);
            selects.push(select);
            try {
                call.getOperandList().forEach(this::visit);
            } finally {
                selects.pop();
            }
            return;
        } else if (kind == SqlKind.ORDER_BY) {
            collateSortedOutputs(leftmostSelect(call.operand(0)), call.operand(1));
            orderList(call.operand(1));
        } else if (call instanceof SqlWindow window) {
            orderList(window.getOrderList());
        } else if (kind == SqlKind.OVER) {
            over(call);
        } else if (kind == SqlKind.WITHIN_GROUP) {
            withinGroup(call);
        } else if (kind == SqlKind.CAST) {
            cast(call);
        } else if (kind == SqlKind.SAFE_CAST) {
            tryCast(call);
        } else if (kind == SqlKind.PLUS || kind == SqlKind.MINUS || name.equals("+") || name.equals("-")) {
            arithmetic(call);
        } else if (kind == SqlKind.MOD) {
            bothNumbers(call, "%");
        } else if (call.getOperator() == SluiceOperators.INTEGER_DIVIDE) {
            if (!isWholeNumber(call.operand(0)) || !isWholeNumber(call.operand(1))) {
                refuse(call, "//", "translated for integers only");
            }
        } else if (kind == SqlKind.STRING_AGG || kind == SqlKind.LISTAGG) {
            stringAgg(call);
        } else if (kind == SqlKind.LIKE && !LIKES.contains(name)) {
            refuse(call, name.toUpperCase(Locale.ROOT), "not translated");
        } else if (name.equals("||")) {
            if (!isText(call.operand(0)) && !isText(call.operand(1))) {
                refuse(call, "||", "PostgreSQL concatenates only when one side is text; cast one side to varchar");
            }
        } else if (JsonPaths.isTextAccess(call)) {
            json(call);
            return;
        } else if (JsonPaths.isJsonAccess(call) && documents.contains(call)) {
            json(call);
            return;
        } else if (kind == SqlKind.EXTRACT) {
            String unit = ((SqlIntervalQualifier) call.operand(0)).getStartUnit().name().toLowerCase(Locale.ROOT);
            datetimeFunction(call, unit, PostgresDates.PART_UNITS, call.operand(1));
        } else if (FUNCTIONS.contains(name)) {
            String problem = PostgresFunctionChecks.problem(call, name, tree);
            if (problem != null) {
                refuse(call, name + "(...)", problem);
            } else if (name.equals("array_to_string")) {
                // list_sort(list(x)) inside is part of the translated whole
                visit(PostgresFunctionChecks.sortedListValue(call));
                visit(call.operand(1));
                return;
            }
        } else if (!SAME.contains(kind) || FUNCTION_SYNTAX.contains(call.getOperator().getSyntax())) {
            refuse(call, dev.sluice.engine.sql.TranslationRefusal.constructOf(call, FUNCTION_SYNTAX.contains(
                    call.getOperator().getSyntax())), "Sluice knows no PostgreSQL construct that is certain to compute the same; see"
                    + " docs/sql-front-end.md");
            return;
        }
        for (SqlNode operand : call.getOperandList()) {
            visit(operand);
        }
    }

    /**
     * A JSON column is jsonb in PostgreSQL: it compares as a document and casts to text written its own way (keys
     * sorted, its own spacing), where DuckDB compares and casts the text as sent. So it is translated only where it
     * means the same: an output column's value (the same document), the document JSON is read from, IS [NOT]
     * NULL and COUNT. Anywhere else (a comparison, LIKE, a cast, a function, GROUP BY, ORDER BY, a join
     * condition) it is refused by name.
     */
    private void jsonColumn(SqlIdentifier identifier) {
        if (documentUses.contains(identifier)) {
            return;
        }
        String column = jsonColumns.jsonColumn(identifier, selects.peek());
        if (column != null) {
            refuse(identifier, identifier.toString(), "the JSON column " + column + " used as text: PostgreSQL's"
                    + " jsonb compares as a document and is cast to text with its keys sorted and its own spacing, not"
                    + " as DuckDB keeps the text sent; read a field with json_extract_string(" + identifier
                    + ", '$.key'), or write the expression once per warehouse with dispatch(...)");
        }
    }

    private void select(SqlSelect select) {
        documents.addAll(JsonPaths.documentsOf(select));
        if (!select.isDistinct()) {
            // SELECT DISTINCT compares its columns' values: there a JSON column is used as text
            for (SqlNode item : select.getSelectList()) {
                SqlNode value = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
                documentUses.add(value);
                if (value instanceof org.apache.calcite.sql.fun.SqlCase sqlCase) {
                    // a CASE whose result is the column's value: the same document
                    documentUses.addAll(sqlCase.getThenOperands().getList());
                    documentUses.add(sqlCase.getElseOperand());
                }
            }
        }
        collateSortedOutputs(select, select.getOrderList());
        bigintLengths(select);
        orderList(select.getOrderList());
        restoreTableNames(select.getFrom());
        SqlWindow distinctOn = tree.distinctOn().window(select);
        if (distinctOn != null) {
            distinctOn(select, distinctOn);
        } else if (select.getQualify() != null) {
            String problem = select.isDistinct() ? "DISTINCT applies after QUALIFY"
                    : select.getOrderList() != null && !select.getOrderList().isEmpty() || select.getFetch() != null || select.getOffset() != null
                    ? "ORDER BY and LIMIT in the same SELECT" : null;
            for (SqlNode item : select.getSelectList()) {
                if (problem == null && !(item instanceof SqlIdentifier) && item.getKind() != SqlKind.AS) {
                    problem = "an output column without a name";
                }
            }
            if (problem != null) {
                refuse(select.getQualify(), "QUALIFY", "PostgreSQL has no QUALIFY; Sluice filters on it in an outer"
                        + " query, but not with " + problem + "; compute the window function in a subquery and filter"
                        + " on it in the outer query");
            }
        }
    }

    /**
     * DuckDB's {@code DISTINCT ON (keys) ... ORDER BY o} is PostgreSQL's: the first row of each group as the ORDER BY
     * sorts them (NULLS LAST written out on every key, DuckDB's default), which PostgreSQL requires to start with
     * the keys; {@link PostgresDialect} writes the keys as the ORDER BY's first items are written.
     */
    private void distinctOn(SqlSelect select, SqlWindow window) {
        SqlNode qualify = select.getQualify();
        if (tree.distinctOn().withQualify(select)) {
            refuse(qualify, "DISTINCT ON with QUALIFY", "DuckDB keeps the first row of each group among the rows"
                    + " QUALIFY keeps; PostgreSQL has no QUALIFY; filter in a subquery and select DISTINCT ON from it");
            return;
        }
        if (window.getOrderList().isEmpty()) {
            refuse(qualify, "DISTINCT ON without ORDER BY", "which row of each group is kept is arbitrary, and DuckDB"
                    + " and PostgreSQL may choose differently; add an ORDER BY that decides it (by column names or"
                    + " expressions, not `*` ordinals)");
            return;
        }
        List<SqlNode> keys = window.getPartitionList().getList();
        List<SqlNode> order = window.getOrderList().getList();
        boolean leading = order.size() >= keys.size() && select.getOrderList() != null
                && select.getOrderList().size() == order.size();
        for (int index = 0; leading && index < keys.size(); index++) {
            SqlNode sorted = sortKey(order.get(index));
            leading = keys.stream().anyMatch(key -> key.equalsDeep(sorted, org.apache.calcite.util.Litmus.IGNORE));
        }
        if (!leading) {
            refuse(qualify, "DISTINCT ON whose ORDER BY does not start with its keys", "PostgreSQL requires the ORDER BY"
                    + " to start with the DISTINCT ON expressions; order by the keys first");
        }
    }

    /** Whether {@code node} is a relation of a FROM clause that the query may leave unnamed. */
    private static boolean isRelation(SqlNode node) {
        return node.isA(SqlKind.QUERY) || node.getKind() == SqlKind.COLLECTION_TABLE || node.getKind() == SqlKind.PIVOT
                || node.getKind() == SqlKind.UNPIVOT || node.getKind() == SqlKind.LATERAL;
    }

    /** A sort key without its direction and NULLS order. */
    static SqlNode sortKey(SqlNode item) {
        SqlNode key = item;
        while (key.getKind() == SqlKind.DESCENDING || key.getKind() == SqlKind.NULLS_FIRST
                || key.getKind() == SqlKind.NULLS_LAST) {
            key = ((SqlCall) key).operand(0);
        }
        return key;
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
            for (TableReference written : tree.writtenTables()) {
                if (written.line() == table.getParserPosition().getLineNum()
                        && written.column() == table.getParserPosition().getColumnNum()) {
                    table.setNames(written.names(), null);
                    return;
                }
            }
        }
    }

    /**
     * A query's ORDER BY may name an output column (or give its ordinal), which PostgreSQL accepts only bare, so
     * {@code COLLATE "C"} cannot follow it there: a text output column sorted on is collated where it is
     * selected instead (its values stay the same).
     */
    /**
     * An output column DuckDB types BIGINT whose value reads a function PostgreSQL types INTEGER (a length, a position,
     * {@code ntile}, {@code grouping}) is cast to BIGINT as a whole: see {@link PostgresOperators#AS_BIGINT}. The
     * values are integers in both, so the cast changes only the column's type.
     */
    private void bigintLengths(SqlSelect select) {
        for (SqlNode item : select.getSelectList()) {
            if (item.getKind() == SqlKind.AS && ((SqlCall) item).operand(0) instanceof SqlCall value
                    && tree.type(value) != null && tree.type(value).getSqlTypeName() == SqlTypeName.BIGINT
                    && readsIntegerFunction(value)) {
                ((SqlCall) item).setOperand(0, PostgresOperators.AS_BIGINT.createCall(value.getParserPosition(), value));
            }
        }
    }

    private static boolean readsIntegerFunction(SqlNode node) {
        if (!(node instanceof SqlCall call) || node instanceof SqlSelect) {
            return false;
        }
        return INTEGER_IN_POSTGRES.contains(call.getOperator().getName().toLowerCase(Locale.ROOT))
                || call.getOperandList().stream().anyMatch(PostgresChecks::readsIntegerFunction);
    }

    /** DuckDB's BIGINT functions that PostgreSQL types INTEGER. */
    private static final Set<String> INTEGER_IN_POSTGRES = Set.of("len", "length", "char_length", "character_length",
            "strlen", "octet_length", "position", "strpos", "instr", "ntile", "grouping");

    private void collateSortedOutputs(SqlSelect select, SqlNodeList order) {
        if (select == null || order == null) {
            return;
        }
        for (SqlNode item : order) {
            SqlNode key = item;
            while (key instanceof SqlCall call && (key.getKind() == SqlKind.DESCENDING
                    || key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST)) {
                key = call.operand(0);
            }
            SqlNodeList items = select.getSelectList();
            for (int index = 0; index < items.size(); index++) {
                SqlNode selected = items.get(index);
                String name = selected.getKind() == SqlKind.AS ? ((SqlCall) selected).operand(1).toString()
                        : selected instanceof SqlIdentifier identifier ? identifier.names.get(identifier.names.size() - 1)
                        : null;
                boolean named = key instanceof SqlIdentifier identifier && identifier.isSimple()
                        && identifier.getSimple().equalsIgnoreCase(name);
                boolean numbered = key instanceof SqlNumericLiteral number && number.isInteger()
                        && number.getValueAs(Integer.class) == index + 1;
                if ((named || numbered) && name != null) {
                    outputReferences.add(key);
                    SqlNode expression = selected.getKind() == SqlKind.AS ? ((SqlCall) selected).operand(0) : selected;
                    if (isText(expression)) {
                        items.set(index, SqlStdOperatorTable.AS.createCall(selected.getParserPosition(),
                                PostgresOperators.COLLATE_C.createCall(expression.getParserPosition(), expression),
                                new SqlIdentifier(name, selected.getParserPosition())));
                    }
                }
            }
        }
    }

    private static SqlSelect leftmostSelect(SqlNode query) {
        SqlNode body = query;
        while (body instanceof SqlCall call && !(body instanceof SqlSelect) && (call.getKind() == SqlKind.WITH
                || SqlKind.SET_QUERY.contains(call.getKind()))) {
            body = call.getKind() == SqlKind.WITH ? call.operand(1) : call.operand(0);
        }
        return body instanceof SqlSelect select ? select : null;
    }

    private void over(SqlCall over) {
        SqlCall function = over.operand(0);
        SqlNode windowNode = over.operand(1);
        SqlWindow window = windowNode instanceof SqlWindow inline ? inline : null;
        if (tree.distinctOn().isRowNumber(over)) {
            return; // written as PostgreSQL's own DISTINCT ON: see select()
        }
        if (function.getKind() == SqlKind.ROW_NUMBER && window != null && window.getOrderList().isEmpty()) {
            refuse(over, "row_number() without ORDER BY", "which row gets which number is arbitrary, and DuckDB and"
                    + " PostgreSQL may choose differently; order the window");
        }
        // rank, dense_rank, percent_rank and cume_dist without ORDER BY: every row a peer, 1, 1, 0 and 1 in both
        if ((function.getKind() == SqlKind.NTILE || function.getKind() == SqlKind.LAG
                || function.getKind() == SqlKind.LEAD) && window != null && window.getOrderList().isEmpty()) {
            refuse(over, function.getOperator().getName() + "(...) without ORDER BY", "which"
                    + " row comes before which is arbitrary, and DuckDB and PostgreSQL may choose differently; order"
                    + " the window");
        }
        String name = function.getOperator().getName().toLowerCase(Locale.ROOT);
        SqlCall aggregate = function.getKind() == SqlKind.FILTER ? function.operand(0) : function;
        String aggregateName = aggregate.getOperator().getName().toLowerCase(Locale.ROOT);
        if (Set.of("arg_max", "arg_min", "max_by", "min_by", "string_agg", "listagg").contains(aggregateName)
                || aggregate.getKind() == SqlKind.STRING_AGG || aggregate.getKind() == SqlKind.LISTAGG
                || function.getKind() == SqlKind.WITHIN_GROUP) {
            refuse(over, name + "(...) OVER", "PostgreSQL has no ordered aggregate as a window function");
        }
    }

    private void withinGroup(SqlCall call) {
        SqlCall aggregate = call.operand(0);
        boolean percentile = aggregate.getKind() == SqlKind.PERCENTILE_CONT
                || aggregate.getKind() == SqlKind.PERCENTILE_DISC;
        if (aggregate.getKind() != SqlKind.LISTAGG && aggregate.getKind() != SqlKind.STRING_AGG && !percentile) {
            refuse(call, aggregate.getOperator().getName() + "(...) WITHIN GROUP", "not translated");
            return;
        }
        SqlNodeList order = call.operand(1);
        if (percentile && (order.size() != 1 || !isType(order.get(0), SqlTypeName.NUMERIC_TYPES)
                || !(aggregate.operand(0) instanceof SqlNumericLiteral))) {
            // PostgreSQL's percentile_cont takes DOUBLE PRECISION: proven for numbers (to the float's precision)
            refuse(call, aggregate.getOperator().getName() + "(...) WITHIN GROUP", "translated for a literal fraction"
                    + " and one numeric sort key");
        }
        if (!percentile) {
            distinctOrderedByItsValue(aggregate, call.operand(1));
        }
        orderList(call.operand(1));
    }

    /** Every sort key NULLS LAST (DuckDB's default in both directions), text keys in code-point order. */
    private void orderList(SqlNodeList order) {
        if (order == null) {
            return;
        }
        for (int index = 0; index < order.size(); index++) {
            SqlNode item = order.get(index);
            boolean nullsWritten = item.getKind() == SqlKind.NULLS_FIRST || item.getKind() == SqlKind.NULLS_LAST;
            SqlNode nulls = nullsWritten ? item : SqlStdOperatorTable.NULLS_LAST.createCall(item.getParserPosition(),
                    item);
            SqlCall nullsCall = (SqlCall) nulls;
            SqlNode direction = nullsCall.operand(0);
            SqlCall descending = direction.getKind() == SqlKind.DESCENDING ? (SqlCall) direction : null;
            SqlNode key = descending != null ? descending.operand(0) : direction;
            if (isText(key) && !outputReferences.contains(key)) {
                SqlNode collated = PostgresOperators.COLLATE_C.createCall(key.getParserPosition(), key);
                if (descending != null) {
                    descending.setOperand(0, collated);
                } else {
                    nullsCall.setOperand(0, collated);
                }
            }
            order.set(index, nulls);
        }
    }

    private void cast(SqlCall cast) {
        RelDataType from = type(cast.operand(0));
        RelDataType to = tree.type(cast);
        String problem = from == null || to == null ? "its types are unknown"
                : PostgresTypes.castProblem(from.getSqlTypeName(), to);
        if (problem != null) {
            // the operand's position: DuckDB's infix `x::T` has none of its own
            refuse(cast.operand(0), "cast(... as " + (to == null ? "?" : to.getSqlTypeName()) + ")", problem);
        }
    }

    /** {@code try_cast(text AS BOOLEAN)} is written out ({@link dev.sluice.engine.sql.DuckDbBooleanText}); others are refused. */
    private void tryCast(SqlCall call) {
        RelDataType to = tree.type(call);
        if (!isText(call.operand(0)) || to == null || to.getSqlTypeName() != SqlTypeName.BOOLEAN) {
            refuse(call, "try_cast(... as " + (to == null ? "?" : to.getSqlTypeName()) + ")", "translated from text"
                    + " to BOOLEAN only");
        }
    }

    private void arithmetic(SqlCall call) {
        boolean interval = call.getOperandList().stream().anyMatch(operand -> isType(operand,
                SqlTypeName.INTERVAL_TYPES) || operand instanceof SqlCall inner
                && inner.getOperator().getName().equalsIgnoreCase("interval"));
        boolean datetime = call.getOperandList().stream().anyMatch(operand -> isType(operand,
                SqlTypeName.DATETIME_TYPES));
        if (!interval && !datetime) {
            bothNumbers(call, call.getOperator().getName());
        }
        // DATE ± INTEGER is a DATE, TIMESTAMP ± INTERVAL a TIMESTAMP, DATE ± INTERVAL a TIMESTAMP and
        // TIMESTAMP - TIMESTAMP an INTERVAL, in both; intervals add months with the day clamped in both.
    }

    private void bothNumbers(SqlCall call, String operator) {
        for (SqlNode operand : call.getOperandList()) {
            RelDataType type = type(operand);
            if (type != null && !SqlTypeName.NUMERIC_TYPES.contains(type.getSqlTypeName())
                    && type.getSqlTypeName() != SqlTypeName.NULL) {
                refuse(call, operator, "translated for numbers, dates, timestamps and intervals only");
                return;
            }
        }
    }

    private void stringAgg(SqlCall call) {
        if (call.operandCount() > 3 || call.operandCount() == 3 && !(call.operand(2) instanceof SqlNodeList)) {
            refuse(call, call.getOperator().getName().toLowerCase(Locale.ROOT) + "(...)", "only string_agg(value,"
                    + " separator [order by ...]) is translated");
        } else if (!isText(call.operand(0))) {
            refuse(call, call.getOperator().getName().toLowerCase(Locale.ROOT) + "(...)", "PostgreSQL aggregates"
                    + " text only; cast the value to varchar");
        }
        if (call.operand(call.operandCount() - 1) instanceof SqlNodeList order) {
            distinctOrderedByItsValue(call, order);
            orderList(order);
        }
    }

    /**
     * PostgreSQL requires the sort keys of a DISTINCT aggregate among its arguments; DuckDB sorts the distinct
     * values by any key. Translated when every key is the value itself (the key is then written as the value is).
     */
    private void distinctOrderedByItsValue(SqlCall aggregate, SqlNodeList order) {
        if (aggregate.getFunctionQuantifier() == null
                || !aggregate.getFunctionQuantifier().toValue().equalsIgnoreCase("distinct")) {
            return;
        }
        for (SqlNode item : order) {
            if (!sortKey(item).equalsDeep(aggregate.operand(0), org.apache.calcite.util.Litmus.IGNORE)) {
                refuse(item, aggregate.getOperator().getName().toLowerCase(Locale.ROOT) + "(DISTINCT ...) ORDER BY another"
                        + " expression", "PostgreSQL sorts the values of a DISTINCT aggregate only by the value itself;"
                        + " order by the value");
                return;
            }
        }
    }

    private void json(SqlCall call) {
        JsonPaths.Access access = JsonPaths.access(call);
        if (access == null) {
            refuse(call, JsonPaths.describe(call), "only a literal path of names and array indexes ('$.a.b[0]', 'a'"
                    + " or 0) is translated");
            return;
        }
        documentUses.add(access.document()); // JSON is read out of it: a document in both
        visit(access.document());
    }

    private void datetimeFunction(SqlCall call, String unit, Set<String> units, SqlNode value) {
        if (!units.contains(unit)) {
            refuse(call, call.getOperator().getName().toLowerCase(Locale.ROOT) + "('" + unit + "', ...)",
                    "translated for the units " + String.join(", ", units.stream().sorted().toList()));
        }
        if (!isType(value, Set.of(SqlTypeName.DATE, SqlTypeName.TIMESTAMP, SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE))) {
            refuse(call, call.getOperator().getName().toLowerCase(Locale.ROOT) + "(...)", "translated on DATE,"
                    + " TIMESTAMP and TIMESTAMPTZ only");
        }
    }

    /** An integer type, or a DECIMAL of scale 0 (DuckDB's HUGEINT, the sum of integers). */
    boolean isWholeNumber(SqlNode node) {
        RelDataType type = type(node);
        return type != null && (SqlTypeName.INT_TYPES.contains(type.getSqlTypeName())
                || type.getSqlTypeName() == SqlTypeName.DECIMAL && type.getScale() == 0);
    }

    private boolean isText(SqlNode node) {
        return isType(node, SqlTypeName.CHAR_TYPES);
    }

    private boolean isType(SqlNode node, java.util.Collection<SqlTypeName> names) {
        RelDataType type = type(node);
        return type != null && type.getSqlTypeName() != null && names.contains(type.getSqlTypeName());
    }

    /**
     * The type of {@code node}. The validator records none for a window's sort keys; they are derived in the
     * scope of the SELECT they stand in.
     */
    private RelDataType type(SqlNode node) {
        RelDataType type = tree.type(node);
        if (type != null || selects.isEmpty() || node instanceof SqlLiteral) {
            return type;
        }
        try {
            return tree.validator().deriveType(tree.validator().getSelectScope(selects.peek()), node);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void refuse(SqlNode node, String construct, String reason) {
        // The validator's expansions can put one written node in two places: report it once.
        int line = node.getParserPosition().getLineNum();
        int column = node.getParserPosition().getColumnNum();
        if (refusals.stream().noneMatch(refusal -> refusal.line() == line && refusal.column() == column
                && refusal.construct().equals(construct))) {
            refusals.add(new TranslationRefusal(line, column, construct, reason));
        }
    }

    static boolean isPositiveInteger(SqlNode node) {
        return node instanceof SqlNumericLiteral number && number.isInteger() && number.getValueAs(Long.class) > 0;
    }
}
