package dev.sluice.engine.sql;

import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Which column references of a validated query are JSON documents. Calcite types a JSON column as text, but
 * PostgreSQL's {@code jsonb} and Snowflake's {@code VARIANT} are no text: they compare as documents, and
 * the text they give a cast is written their own way (keys sorted, their own spacing), not as it was sent,
 * as DuckDB keeps it. So a translation must know where a JSON column is used as text. A column is JSON when
 * the catalog types it so ({@code JSON}, {@code JSONB}, {@code VARIANT}), or when it is the output of a
 * subquery or CTE of the same query whose value is such a column or JSON read out of JSON.
 *
 * <p>Not thread-safe: one per translated query, as its validator.
 */
public final class JsonColumns {
    private static final Set<String> JSON_TYPES = Set.of("JSON", "JSONB", "VARIANT");
    /** Subqueries nest a few levels in real models; this bounds a pathological chain. */
    private static final int MAX_DEPTH = 32;

    private final SqlValidator validator;

    /** @param validator the validator that validated the query whose identifiers are asked about */
    public JsonColumns(SqlValidator validator) {
        this.validator = validator;
    }

    /**
     * The JSON column {@code identifier} (a column reference inside {@code select}) reads, as
     * {@code relation.column}, or {@code null} when it is not a JSON column.
     */
    public String jsonColumn(SqlIdentifier identifier, SqlSelect select) {
        return select == null ? null : resolve(identifier, select, 0);
    }

    private String resolve(SqlIdentifier identifier, SqlSelect select, int depth) {
        if (depth > MAX_DEPTH || identifier.isStar()) {
            return null;
        }
        SqlQualified qualified;
        try {
            SqlValidatorScope scope = validator.getSelectScope(select);
            qualified = scope == null ? null : scope.fullyQualify(identifier);
        } catch (RuntimeException notAColumn) {
            return null;
        }
        if (qualified == null || qualified.namespace == null || qualified.suffix().size() != 1) {
            return null;
        }
        String column = qualified.suffix().get(0);
        SqlValidatorNamespace namespace = qualified.namespace.resolve();
        SqlValidatorTable table = namespace.getTable();
        if (table != null) {
            CatalogTable catalogTable = table.unwrap(CatalogTable.class);
            if (catalogTable == null) {
                return null;
            }
            for (SqlCatalog.Column catalogColumn : catalogTable.table().columns()) {
                if (catalogColumn.name().equalsIgnoreCase(column)) {
                    return isJsonType(catalogColumn.type()) ? catalogTable.table().schema() + "." + catalogTable.table().name()
                            + "." + catalogColumn.name()
                            : null;
                }
            }
            return null;
        }
        SqlNode query = namespace.getNode();
        if (query instanceof SqlWithItem withItem) {
            query = withItem.query;
        }
        return output(query, column, depth + 1);
    }

    /** The JSON column the output {@code column} of {@code query} is, or {@code null}. Any branch of a set operation counts. */
    private String output(SqlNode query, String column, int depth) {
        if (query instanceof SqlCall call && (call.getKind() == SqlKind.ORDER_BY || call.getKind() == SqlKind.WITH)) {
            return output(call.getKind() == SqlKind.WITH ? call.operand(1) : call.operand(0), column, depth);
        }
        if (query instanceof SqlCall call && SqlKind.SET_QUERY.contains(call.getKind())) {
            for (SqlNode branch : call.getOperandList()) {
                String json = output(branch, column, depth);
                if (json != null) {
                    return json;
                }
            }
            return null;
        }
        if (!(query instanceof SqlSelect select)) {
            return null;
        }
        for (SqlNode item : select.getSelectList()) {
            SqlNode value = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            String name = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(1).toString()
                    : value instanceof SqlIdentifier identifier ? identifier.names.get(identifier.names.size() - 1) : null;
            if (name == null || !name.equalsIgnoreCase(column)) {
                continue;
            }
            if (value instanceof SqlIdentifier identifier) {
                return resolve(identifier, select, depth);
            }
            if (value instanceof SqlCall call && JsonDocuments.isJsonAccess(call)) {
                return column + " (JSON read out of JSON)";
            }
            return null;
        }
        return null;
    }

    /** Whether a catalog type names a JSON document. */
    public static boolean isJsonType(String warehouseType) {
        return JSON_TYPES.contains(warehouseType.strip().toUpperCase(Locale.ROOT));
    }
}
