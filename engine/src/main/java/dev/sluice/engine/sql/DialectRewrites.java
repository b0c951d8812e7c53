package dev.sluice.engine.sql;

import dev.sluice.sql.parser.DuckDbLambda;
import dev.sluice.sql.parser.DuckDbPivots;
import dev.sluice.sql.parser.SluiceOperators;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlPivot;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Resolves, before validation, the few constructs whose meaning depends on more than the grammar
 * sees. Each one keeps the query's meaning; none changes the SQL the warehouse runs.
 * <ul>
 *   <li>{@code GROUP BY ALL} becomes {@code GROUP BY 1, 3, ...}: the ordinals of the select items
 *       that contain no aggregate function, as DuckDB defines it, and {@code ORDER BY ALL} the ordinals of
 *       every select item ({@link OrderByAll});</li>
 *   <li>{@code x -> expr} is a lambda only as an argument of a list function
 *       ({@code list_transform(xs, x -> x + 1)}); elsewhere it is DuckDB's JSON arrow, as in
 *       {@code coalesce(properties -> 'plan', ...)}. DuckDB 2.0 rejects the arrow lambda, so in a DuckDB
 *       model it is reported, with {@code lambda x: x + 1} as the fix;</li>
 *   <li>{@code LISTAGG(x, sep ORDER BY y)} becomes the standard
 *       {@code LISTAGG(x, sep) WITHIN GROUP (ORDER BY y)}, and Snowflake's {@code ARRAY_AGG(x) WITHIN GROUP
 *       (ORDER BY y)} the ordered {@code ARRAY_AGG(x ORDER BY y)} Calcite validates;</li>
 *   <li>a table function that reads columns of the relations before it in FROM is LATERAL, as DuckDB reads it
 *       ({@code FROM t, json_each(t.j)});</li>
 *   <li>{@code +} and {@code -} also accept DuckDB's {@code DATE + INTEGER} ({@link DateArithmetic});</li>
 *   <li>DuckDB's PIVOT without IN, whose columns depend on the data, is reported as a problem
 *       ({@code columns known only at run time});</li>
 *   <li>named arguments ({@code input => x}) are matched in upper case, as Calcite names parameters, and
 *       Snowflake's {@code FLATTEN(x, path => 'a')} names its leading positional arguments too;</li>
 *   <li>{@code struct_pack(id := x, status)} is the struct literal {@code {'id': x, 'status': status}};</li>
 *   <li>a type name Calcite does not know ({@code x::timestamptz}, {@code cast(x as int8)}) is read as the
 *       warehouse type it names ({@link CastTypes});</li>
 *   <li>a unit written as a name ({@code datediff(day, a, b)}) becomes the string DuckDB's signature
 *       takes ({@code 'day'}), where Sluice's DuckDB definition replaces Calcite's; in a Snowflake model every
 *       date or time part, as a name, a string or an abbreviation, becomes its one spelling
 *       ({@link SnowflakeDateParts}).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; {@link #apply} mutates the tree it is given.
 */
final class DialectRewrites {
    /** Functions whose arguments may be lambdas (DuckDB's list functions and Snowflake's higher-order ones). */
    private static final Set<String> LAMBDA_FUNCTIONS = Set.of("list_transform", "array_transform", "apply",
            "list_apply", "array_apply", "list_filter", "array_filter", "filter", "list_reduce", "array_reduce",
            "reduce", "list_sort", "array_sort", "transform", "list_any_value", "any_match", "all_match");
    /** Functions whose first argument is a unit, for which Sluice's DuckDB definition wants a string. */
    private static final Set<String> UNIT_FUNCTIONS = Set.of("datediff", "date_diff", "date_part", "date_trunc");

    private DialectRewrites() {}

    /**
     * Rewrites {@code tree} in place; {@code operators} tells aggregate functions from others.
     *
     * @throws SqlProblemException kind INVALID for a construct Sluice reports instead of validating
     *     (PIVOT without IN, an arrow lambda in a DuckDB model)
     */
    static void apply(SqlNode tree, SqlOperatorTable operators, ModelDialect dialect) {
        if (tree instanceof SqlNodeList list) {
            for (int index = 0; index < list.size(); index++) {
                list.set(index, replacement(list.get(index), "", dialect));
                apply(list.get(index), operators, dialect);
            }
            return;
        }
        if (!(tree instanceof SqlCall call)) {
            return;
        }
        if (call instanceof SqlPivot pivot && DuckDbPivots.hasColumnsAtRunTime(pivot)) {
            throw new SqlProblemException(columnsAtRunTime(pivot), null);
        }
        if (call instanceof SqlSelect select && select.getGroup() != null && select.getGroup().size() == 1
                && SluiceOperators.isGroupByAll(select.getGroup().get(0))) {
            select.setGroupBy(groupByAllOrdinals(select, operators));
        }
        if (call instanceof org.apache.calcite.sql.SqlOrderBy orderBy) {
            OrderByAll.expand(orderBy);
        }
        if (call instanceof SqlJoin join && dialect == ModelDialect.DUCKDB) {
            join.setRight(implicitlyLateral(join.getRight()));
        }
        if (call.getKind() == SqlKind.ARGUMENT_ASSIGNMENT && call.operand(1) instanceof SqlIdentifier argument) {
            // Calcite matches argument names exactly and spells its parameters in upper case.
            call.setOperand(1, new SqlIdentifier(argument.getSimple().toUpperCase(Locale.ROOT),
                    argument.getParserPosition()));
        }
        SnowflakeTableFunctions.nameArguments(call);
        DateArithmetic.rebind(call);
        String name = call.getOperator() instanceof SqlFunction ? call.getOperator().getName().toLowerCase(Locale.ROOT) : "";
        List<SqlNode> operands = call.getOperandList();
        for (int index = 0; index < operands.size(); index++) {
            SqlNode operand = operands.get(index);
            if (index == 0 && operand instanceof SqlIntervalQualifier unit && UNIT_FUNCTIONS.contains(name)
                    && dialect != ModelDialect.SNOWFLAKE) {
                call.setOperand(index, SqlLiteral.createCharString(unitName(unit), unit.getParserPosition()));
            } else if (operand instanceof SqlDataTypeSpec type) {
                SqlDataTypeSpec resolved = CastTypes.resolve(type, dialect);
                if (resolved != type) {
                    call.setOperand(index, resolved);
                }
            } else if (operand != null) {
                SqlNode replaced = replacement(operand, name, dialect);
                if (replaced != operand) {
                    call.setOperand(index, replaced);
                }
            }
        }
        for (SqlNode operand : call.getOperandList()) {
            apply(operand, operators, dialect);
        }
    }

    /**
     * DuckDB reads a table function that reads columns of the relations before it ({@code FROM t, json_each(t.j)})
     * as LATERAL, which Calcite wants written: such a function becomes {@code LATERAL TABLE(...)}.
     */
    private static SqlNode implicitlyLateral(SqlNode right) {
        SqlNode table = right.getKind() == SqlKind.AS ? ((SqlCall) right).operand(0) : right;
        if (table.getKind() != SqlKind.COLLECTION_TABLE || !readsColumns(((SqlCall) table).operand(0))) {
            return right;
        }
        SqlNode lateral = SqlStdOperatorTable.LATERAL.createCall(table.getParserPosition(), table);
        if (right == table) {
            return lateral;
        }
        ((SqlCall) right).setOperand(0, lateral);
        return right;
    }

    private static boolean readsColumns(SqlNode node) {
        if (node instanceof SqlIdentifier identifier) {
            return !identifier.isStar();
        }
        return node instanceof SqlCall call && !(node instanceof SqlSelect)
                && call.getOperandList().stream().anyMatch(operand -> operand != null && readsColumns(operand));
    }

    /** What {@code node} stands for as an argument of function {@code parent} (lower case, or empty). */
    private static SqlNode replacement(SqlNode node, String parent, ModelDialect dialect) {
        if (dialect == ModelDialect.SNOWFLAKE && node instanceof SqlCall call && call.getKind() == SqlKind.WITHIN_GROUP
                && call.operand(0) instanceof SqlCall aggregate && aggregate.getKind() == SqlKind.ARRAY_AGG) {
            // Snowflake's ARRAY_AGG(x) WITHIN GROUP (ORDER BY y) is the ordered aggregate ARRAY_AGG(x ORDER BY y)
            List<SqlNode> operands = new ArrayList<>(aggregate.getOperandList());
            operands.add(call.operand(1));
            return aggregate.getOperator().createCall(aggregate.getFunctionQuantifier(), aggregate.getParserPosition(),
                    operands);
        }
        if (dialect == ModelDialect.SNOWFLAKE && node instanceof SqlCall call) {
            SqlNode normalized = SnowflakeDateParts.normalize(call);
            if (normalized != call) {
                return normalized;
            }
        } else if (node instanceof SqlCall call) {
            SnowflakeDateParts.refuseStringPartOutsideSnowflake(call, dialect);
        }
        if (node instanceof SqlCall call && isListaggWithOrder(call)) {
            return listaggWithinGroup(call);
        }
        if (node instanceof SqlLambda lambda && !(lambda instanceof DuckDbLambda) && LAMBDA_FUNCTIONS.contains(parent)
                && dialect == ModelDialect.DUCKDB) {
            // DuckDB 2.0 fails the model when it runs; say so now, with the fix.
            String parameters = lambda.getParameters().stream().map(SqlNode::toString)
                    .collect(java.util.stream.Collectors.joining(", "));
            SqlParserPos start = lambda.getParameters().isEmpty() ? lambda.getParserPosition()
                    : lambda.getParameters().get(0).getParserPosition();
            throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.INVALID, "DuckDB 2.0 rejects the arrow"
                    + " lambda " + (lambda.getParameters().size() == 1 ? parameters : "(" + parameters + ")")
                    + " -> ...; write lambda " + parameters + ": ...", start.getLineNum(), start.getColumnNum(), null),
                    null);
        }
        if (node instanceof SqlLambda lambda && !LAMBDA_FUNCTIONS.contains(parent)) {
            return jsonArrow(lambda);
        }
        if (node instanceof SqlCall call && isNamedStructPack(call)) {
            return namedStruct(call);
        }
        return node;
    }

    /** DuckDB's {@code struct_pack(...)} with its arguments (the struct literal's own operator has the same name). */
    private static boolean isNamedStructPack(SqlCall call) {
        return call.getOperator() instanceof SqlFunction function && function != SluiceOperators.STRUCT_LITERAL
                && function.getName().equalsIgnoreCase("struct_pack") && !call.getOperandList().isEmpty();
    }

    /**
     * {@code struct_pack(id := x, status)} is the struct literal {@code {'id': x, 'status': status}}, as DuckDB builds
     * it: a named argument is a field of that name, a column a field named after the column.
     *
     * @throws SqlProblemException for another unnamed argument, whose field name Sluice does not know
     */
    private static SqlNode namedStruct(SqlCall call) {
        List<SqlNode> namesAndValues = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof SqlCall assignment && assignment.getKind() == SqlKind.ARGUMENT_ASSIGNMENT
                    && assignment.operand(1) instanceof SqlIdentifier name) {
                namesAndValues.add(SqlLiteral.createCharString(name.getSimple(), name.getParserPosition()));
                namesAndValues.add(assignment.operand(0));
            } else if (operand instanceof SqlIdentifier column && !column.isStar()) {
                namesAndValues.add(SqlLiteral.createCharString(column.names.get(column.names.size() - 1),
                        column.getParserPosition()));
                namesAndValues.add(column);
            } else {
                SqlParserPos position = operand == null ? call.getParserPosition() : operand.getParserPosition();
                throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.INVALID, "struct_pack: name this field"
                        + " (name := " + operand + "); Sluice names a field only after a column or its name :=",
                        position.getLineNum(), position.getColumnNum(), null), null);
            }
        }
        return SluiceOperators.STRUCT_LITERAL.createCall(call.getParserPosition(), namesAndValues);
    }

    /**
     * DuckDB's PIVOT without IN makes one column per value found when the query runs: Sluice reports
     * that instead of validating columns it cannot know (the model still runs; its tables are known).
     */
    private static SqlProblem columnsAtRunTime(SqlPivot pivot) {
        String axes = pivot.axisList.stream().map(SqlNode::toString).collect(java.util.stream.Collectors.joining(", "));
        return new SqlProblem(SqlProblem.Kind.INVALID, "columns known only at run time: PIVOT ... ON " + axes
                + " without IN (...) makes one column per value of " + axes + " in the data; list the values"
                + " (ON " + axes + " IN ('a', 'b')) to have its columns validated",
                pivot.getParserPosition().getLineNum(), pivot.getParserPosition().getColumnNum(), null);
    }

    private static boolean isListaggWithOrder(SqlCall call) {
        List<SqlNode> operands = call.getOperandList();
        return call.getKind() == SqlKind.LISTAGG && !operands.isEmpty()
                && operands.get(operands.size() - 1) instanceof SqlNodeList;
    }

    private static SqlNode listaggWithinGroup(SqlCall listagg) {
        List<SqlNode> operands = listagg.getOperandList();
        SqlCall aggregate = listagg.getOperator().createCall(listagg.getFunctionQuantifier(),
                listagg.getParserPosition(), operands.subList(0, operands.size() - 1));
        return SqlStdOperatorTable.WITHIN_GROUP.createCall(listagg.getParserPosition(), aggregate,
                operands.get(operands.size() - 1));
    }

    private static SqlNode jsonArrow(SqlLambda lambda) {
        List<SqlNode> parameters = lambda.getParameters().getList();
        if (parameters.size() != 1) {
            return lambda; // (a, b) -> ...: a lambda, wherever it stands; the validator judges it
        }
        return SluiceOperators.JSON_ARROW.createCall(lambda.getParserPosition(), parameters.get(0),
                lambda.getExpression());
    }

    private static String unitName(SqlIntervalQualifier unit) {
        return unit.timeFrameName != null ? unit.timeFrameName.toLowerCase(Locale.ROOT)
                : unit.getStartUnit().name().toLowerCase(Locale.ROOT);
    }

    private static SqlNodeList groupByAllOrdinals(SqlSelect select, SqlOperatorTable operators) {
        List<SqlNode> ordinals = new ArrayList<>();
        SqlNodeList items = select.getSelectList();
        for (int index = 0; index < items.size(); index++) {
            if (!containsAggregate(items.get(index), operators)) {
                ordinals.add(SqlLiteral.createExactNumeric(String.valueOf(index + 1), items.get(index).getParserPosition()));
            }
        }
        // Every item aggregates: one group, as with no GROUP BY at all.
        return ordinals.isEmpty() ? null : new SqlNodeList(ordinals, SqlParserPos.ZERO);
    }

    private static boolean containsAggregate(SqlNode node, SqlOperatorTable operators) {
        if (node instanceof SqlNodeList list) {
            return list.stream().anyMatch(element -> containsAggregate(element, operators));
        }
        if (!(node instanceof SqlCall call) || node instanceof SqlSelect) {
            return false;
        }
        if (call.getKind() == SqlKind.OVER) {
            return false; // a window function is computed after grouping, not a grouping aggregate
        }
        if (isAggregate(call.getOperator(), operators)) {
            return true;
        }
        return call.getOperandList().stream().anyMatch(operand -> containsAggregate(operand, operators));
    }

    private static boolean isAggregate(SqlOperator operator, SqlOperatorTable operators) {
        if (operator.isAggregator()) {
            return true;
        }
        if (!(operator instanceof SqlFunction function) || function.getFunctionType() != SqlFunctionCategory.USER_DEFINED_FUNCTION) {
            return false;
        }
        List<SqlOperator> found = new ArrayList<>();
        operators.lookupOperatorOverloads(new SqlIdentifier(operator.getName(), SqlParserPos.ZERO), null,
                SqlSyntax.FUNCTION, found, SqlNameMatchers.withCaseSensitive(false));
        return !found.isEmpty() && found.stream().allMatch(SqlOperator::isAggregator);
    }
}
