package dev.sluice.engine.sql;

import dev.sluice.sql.parser.UnionByName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Traces each output column of a validated query back to the catalog columns it is copied or
 * computed from: the query becomes relational algebra ({@link SqlToRelConverter}, which inlines CTEs
 * and subqueries) and Calcite's column-origin metadata follows every column through projections,
 * filters, joins, set operations, aggregates and window functions. A filter, join or sort condition
 * is not an origin: lineage says where a value comes from, not which rows survive.
 *
 * <p>What Calcite cannot convert or trace comes out as {@link ColumnLineage#unknown} with the
 * reason; the tracer never guesses. Stateless and thread-safe: each call builds its own cluster.
 */
final class LineageTracer {
    private static final SqlToRelConverter.Config CONVERTER_CONFIG = SqlToRelConverter.config()
            .withTrimUnusedFields(false)
            .withExpand(true); // subqueries become joins, which column-origin metadata can follow

    private LineageTracer() {}

    /**
     * @param validated the tree {@code validator} returned; conversion reads it, never changes it
     * @param columns how many output columns the query has
     * @return one lineage per output column, in order
     */
    static List<ColumnLineage> trace(SqlValidator validator, SqlNode validated, Prepare.CatalogReader catalogReader,
            RelDataTypeFactory types, int columns) {
        if (ParsedTrees.contains(validated, UnionByName::isUnionByName)) {
            // Calcite would convert it as a UNION by position: a wrong answer, so none.
            return Collections.nCopies(columns, ColumnLineage.unknown("Sluice cannot trace columns through"
                    + " UNION BY NAME"));
        }
        RelRoot root;
        try {
            RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()),
                    new RexBuilder(types));
            SqlToRelConverter converter = new SqlToRelConverter(LineageTracer::noViews, validator, catalogReader,
                    cluster, StandardConvertletTable.INSTANCE, CONVERTER_CONFIG);
            root = converter.convertQuery(validated, false, true);
            root = root.withRel(converter.decorrelate(validated, root.rel));
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return Collections.nCopies(columns, ColumnLineage.unknown("Calcite cannot turn this query into relational"
                    + " algebra (" + describe(e) + ")"));
        }
        // Calcite's metadata skips an input it cannot trace and reports the rest as if complete; so one
        // operator it does not know makes every column unknown rather than partly right.
        List<String> opaque = opaqueOperators(root);
        if (!opaque.isEmpty()) {
            return Collections.nCopies(columns, ColumnLineage.unknown("Sluice cannot trace columns through "
                    + String.join(" and ", opaque)));
        }
        RelMetadataQuery metadata = root.rel.getCluster().getMetadataQuery();
        List<ColumnLineage> lineage = new ArrayList<>(columns);
        for (int index = 0; index < columns; index++) {
            lineage.add(trace(metadata, root, index));
        }
        return lineage;
    }

    private static ColumnLineage trace(RelMetadataQuery metadata, RelRoot root, int outputIndex) {
        Set<RelColumnOrigin> found;
        try {
            found = metadata.getColumnOrigins(root.rel, root.fields.get(outputIndex).getKey());
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return ColumnLineage.unknown("Calcite failed tracing this column (" + describe(e) + ")");
        }
        if (found == null) {
            return ColumnLineage.unknown("Calcite cannot trace this column");
        }
        Map<String, ColumnOrigin> origins = new LinkedHashMap<>();
        for (RelColumnOrigin origin : found) {
            RelOptTable table = origin.getOriginTable();
            CatalogTable catalogTable = table.unwrap(CatalogTable.class);
            String relation = catalogTable != null ? catalogTable.table().description()
                    : String.join(".", table.getQualifiedName());
            String column = table.getRowType().getFieldList().get(origin.getOriginColumnOrdinal()).getName();
            // The same column reached directly on one path and through an expression on another: derived.
            origins.merge(relation + "\u0000" + column, new ColumnOrigin(relation, column, origin.isDerived()),
                    (first, second) -> new ColumnOrigin(relation, column, first.derived() || second.derived()));
        }
        return ColumnLineage.known(List.copyOf(origins.values()));
    }

    /** The kinds of relational operator in the plan that column-origin metadata does not know. */
    private static List<String> opaqueOperators(RelRoot root) {
        List<String> kinds = new ArrayList<>();
        new RelVisitor() {
            @Override
            public void visit(RelNode node, int ordinal, RelNode parent) {
                String kind = OPAQUE_NAMES.getOrDefault(node.getRelTypeName(), node.getRelTypeName());
                if (!TRACEABLE.contains(node.getRelTypeName()) && !kinds.contains(kind)) {
                    kinds.add(kind);
                }
                super.visit(node, ordinal, parent);
            }
        }.go(root.rel);
        return kinds;
    }

    private static final Set<String> TRACEABLE = Set.of("LogicalProject", "LogicalFilter", "LogicalJoin",
            "LogicalAggregate", "LogicalUnion", "LogicalIntersect", "LogicalMinus", "LogicalSort", "LogicalTableScan",
            "LogicalCalc", "LogicalValues");

    /** What a user wrote, for the operators Calcite plans that column-origin metadata does not follow. */
    private static final Map<String, String> OPAQUE_NAMES = Map.of(
            "LogicalCorrelate", "a lateral join",
            "Uncollect", "UNNEST in FROM",
            "LogicalRepeatUnion", "a recursive CTE",
            "LogicalTableSpool", "a recursive CTE",
            "LogicalTableFunctionScan", "a table function");

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + firstLine(failure.getMessage()));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static RelRoot noViews(RelDataType rowType,
            String queryString, List<String> schemaPath, List<String> viewPath) {
        throw new UnsupportedOperationException("views are not expanded");
    }
}
