package dev.sluice.sql.parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlPivot;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlUnpivot;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * DuckDB's PIVOT and UNPIVOT statements as the SQL-standard-style clauses Calcite validates:
 * <ul>
 *   <li>{@code PIVOT t ON c IN (v, ...) USING agg GROUP BY g} is
 *       {@code SELECT * FROM (SELECT g, c, <columns agg reads> FROM t) PIVOT (agg FOR c IN (v, ...))};
 *       without GROUP BY, every column of {@code t} that neither ON nor USING names is a group, as
 *       in DuckDB and in Calcite's PIVOT. Columns are named as DuckDB names them: {@code v} for one
 *       aggregate, {@code v_alias} for an aliased one, {@code v_sum(x)} for one of several without
 *       an alias.</li>
 *   <li>Without {@code IN (...)}, the pivoted columns are the distinct values of {@code c} when the
 *       query runs: the tree holds {@link #VALUES_AT_RUN_TIME} in place of the values, which the
 *       engine reports rather than validating columns it cannot know.</li>
 *   <li>{@code UNPIVOT t ON a, b INTO NAME n VALUE v} is {@code SELECT * FROM t UNPIVOT (v FOR n IN
 *       (a, b))}; the names default to {@code name} and {@code value}.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class DuckDbPivots {
    /** Stands for the IN list of a PIVOT without one: the values are read from the data at run time. */
    public static final SqlSpecialOperator VALUES_AT_RUN_TIME = new SqlSpecialOperator("PIVOT VALUES AT RUN TIME",
            SqlKind.OTHER);

    private DuckDbPivots() {}

    /**
     * @param values the IN values, each possibly {@code AS name}; {@code null} when IN was not written
     * @param aggregates the USING aggregates, each possibly {@code AS name}
     * @param groupBy the GROUP BY expressions, or {@code null}
     */
    public static SqlNode pivot(SqlParserPos position, SqlNode source, List<SqlNode> axes, List<SqlNode> values,
            List<SqlNode> aggregates, SqlNodeList groupBy) {
        SqlNode input = source;
        if (groupBy != null) {
            // Copies: the validator qualifies identifiers in place, and the pivot's own must stay as written.
            List<SqlNode> columns = new ArrayList<>();
            groupBy.forEach(expression -> columns.add(expression.clone(expression.getParserPosition())));
            axes.forEach(axis -> columns.add(axis.clone(axis.getParserPosition())));
            Set<String> named = columns.stream().filter(SqlIdentifier.class::isInstance)
                    .map(column -> ((SqlIdentifier) column).names.get(((SqlIdentifier) column).names.size() - 1)
                            .toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(HashSet::new));
            for (SqlIdentifier column : columnsRead(aggregates)) {
                if (named.add(column.getSimple().toLowerCase(Locale.ROOT))) {
                    columns.add(column.clone(column.getParserPosition()));
                }
            }
            input = select(position, new SqlNodeList(columns, position), source);
        }
        List<SqlNode> namedAggregates = new ArrayList<>();
        for (SqlNode aggregate : aggregates) {
            String name = aggregates.size() > 1 && aggregate.getKind() != SqlKind.AS ? duckDbName(aggregate) : null;
            namedAggregates.add(name == null ? aggregate : SqlStdOperatorTable.AS.createCall(
                    aggregate.getParserPosition(), aggregate, new SqlIdentifier(name, aggregate.getParserPosition())));
        }
        List<SqlNode> inList = new ArrayList<>();
        if (values == null) {
            inList.add(VALUES_AT_RUN_TIME.createCall(position));
        } else {
            for (SqlNode value : values) {
                inList.add(value.getKind() == SqlKind.AS
                        ? SqlStdOperatorTable.AS.createCall(value.getParserPosition(),
                                tuple(((SqlCall) value).operand(0)), ((SqlCall) value).operand(1))
                        : value instanceof SqlLiteral literal && literal.toValue() != null
                                // DuckDB names the column by the value ('paid' gives paid), Calcite by the SQL text
                                ? SqlStdOperatorTable.AS.createCall(value.getParserPosition(), tuple(value),
                                        new SqlIdentifier(literal.toValue(), value.getParserPosition()))
                                : tuple(value));
            }
        }
        SqlPivot pivot = new SqlPivot(position, input, new SqlNodeList(namedAggregates, position),
                new SqlNodeList(axes, position), new SqlNodeList(inList, position));
        return select(position, SqlNodeList.of(SqlIdentifier.star(position)), pivot);
    }

    /** Whether {@code pivot}'s columns are known only when it runs (DuckDB's PIVOT without IN). */
    public static boolean hasColumnsAtRunTime(SqlPivot pivot) {
        return pivot.inList.size() == 1 && pivot.inList.get(0) instanceof SqlCall call
                && call.getOperator() == VALUES_AT_RUN_TIME;
    }

    /** @param name the name column, or {@code null} for DuckDB's {@code name}; same for {@code value} */
    public static SqlNode unpivot(SqlParserPos position, SqlNode source, List<SqlNode> columns, SqlIdentifier name,
            SqlIdentifier value) {
        List<SqlNode> inList = columns.stream().map(column -> (SqlNode) tuple(column)).toList();
        SqlUnpivot unpivot = new SqlUnpivot(position, source, false,
                SqlNodeList.of(value != null ? value : new SqlIdentifier("value", position)),
                SqlNodeList.of(name != null ? name : new SqlIdentifier("name", position)),
                new SqlNodeList(inList, position));
        return select(position, SqlNodeList.of(SqlIdentifier.star(position)), unpivot);
    }

    private static SqlSelect select(SqlParserPos position, SqlNodeList items, SqlNode from) {
        return new SqlSelect(position, null, items, from, null, null, null, null, null, null, null, null, null);
    }

    private static SqlNodeList tuple(SqlNode value) {
        return SqlNodeList.of(value);
    }

    /** The columns the aggregates read, in order of appearance. */
    private static List<SqlIdentifier> columnsRead(List<SqlNode> aggregates) {
        List<SqlIdentifier> columns = new ArrayList<>();
        for (SqlNode aggregate : aggregates) {
            SqlNode expression = aggregate.getKind() == SqlKind.AS ? ((SqlCall) aggregate).operand(0) : aggregate;
            expression.accept(new SqlBasicVisitor<Void>() {
                @Override
                public Void visit(SqlIdentifier identifier) {
                    if (identifier.isSimple() && !identifier.isStar()) {
                        columns.add(identifier);
                    }
                    return null;
                }
            });
        }
        return columns;
    }

    /**
     * DuckDB's name for an aggregate without an alias: {@code sum(amount)}, {@code count_star()};
     * {@code null} for an expression Sluice does not know DuckDB's name of.
     */
    private static String duckDbName(SqlNode aggregate) {
        if (!(aggregate instanceof SqlBasicCall call) || call.getFunctionQuantifier() != null) {
            return null;
        }
        String function = call.getOperator().getName().toLowerCase(Locale.ROOT);
        if (call.operandCount() == 1 && call.operand(0) instanceof SqlIdentifier only && only.isStar()) {
            return function + "_star()";
        }
        List<String> arguments = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
            if (!(operand instanceof SqlIdentifier identifier) || !identifier.isSimple()) {
                return null;
            }
            arguments.add(identifier.getSimple());
        }
        return function + "(" + String.join(", ", arguments) + ")";
    }
}
