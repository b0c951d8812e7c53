package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * DuckDB's {@code a UNION [ALL] BY NAME b} written as the positional UNION it stands for: the output has a's
 * columns in a's order, then b's columns a lacks; each side selects those columns by name from its query, and
 * {@code CAST(NULL AS T)} for a column it lacks (DuckDB fills it with NULL). Duplicates are removed over the whole
 * filled row in both. Translated when a column both sides have has the same type on both (DuckDB would give it
 * their common type, Snowflake decides its own) and every name is simple.
 *
 * <p>Not thread-safe: it reads the types of one validation.
 */
final class SnowflakeUnionByName {
    /** Types of a column one side lacks, written there as {@code CAST(NULL AS T)}. */
    private static final java.util.Set<org.apache.calcite.sql.type.SqlTypeName> FILLABLE = java.util.EnumSet.of(
            org.apache.calcite.sql.type.SqlTypeName.CHAR, org.apache.calcite.sql.type.SqlTypeName.VARCHAR,
            org.apache.calcite.sql.type.SqlTypeName.SMALLINT, org.apache.calcite.sql.type.SqlTypeName.INTEGER,
            org.apache.calcite.sql.type.SqlTypeName.BIGINT, org.apache.calcite.sql.type.SqlTypeName.DECIMAL,
            org.apache.calcite.sql.type.SqlTypeName.DOUBLE, org.apache.calcite.sql.type.SqlTypeName.BOOLEAN,
            org.apache.calcite.sql.type.SqlTypeName.DATE, org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP);

    private final SqlValidator validator;

    SnowflakeUnionByName(SqlValidator validator) {
        this.validator = validator;
    }

    /** Why {@code union} is not translated, or {@code null}. */
    String problem(SqlCall union) {
        RelDataType left = validator.getValidatedNodeTypeIfKnown(union.operand(0));
        RelDataType right = validator.getValidatedNodeTypeIfKnown(union.operand(1));
        if (left == null || right == null) {
            return "its columns are unknown";
        }
        for (RelDataTypeField field : right.getFieldList()) {
            RelDataTypeField other = field(left, field.getName());
            if (other != null && !sameType(other.getType(), field.getType())) {
                return "the column " + field.getName() + " is " + other.getType().getFullTypeString() + " on the left"
                        + " and " + field.getType().getFullTypeString() + " on the right; cast both sides to one type";
            }
        }
        if (left.getFieldCount() == right.getFieldCount()) {
            // the validator may have cast the columns of a UNION to one type by position
            for (int index = 0; index < left.getFieldCount(); index++) {
                if (!sameType(left.getFieldList().get(index).getType(), right.getFieldList().get(index).getType())) {
                    return "columns in the same position have different types; give both sides the same column types";
                }
            }
        }
        for (RelDataTypeField field : output(union)) {
            if (!SnowflakeIdentifiers.translatable(field.getName())) {
                return "the column \"" + field.getName() + "\" is not a simple name";
            }
            boolean filled = field(left, field.getName()) == null || field(right, field.getName()) == null;
            if (filled && !FILLABLE.contains(field.getType().getSqlTypeName())) {
                return "the column " + field.getName() + " that one side lacks is " + field.getType().getSqlTypeName()
                        + "; translated for text, numbers, booleans, dates and timestamps";
            }
        }
        return null;
    }

    /** The positional UNION, parenthesized; {@code write} writes a query and {@code type} names a type. */
    String write(SqlCall union, boolean all, Function<org.apache.calcite.sql.SqlNode, String> write,
            Function<RelDataType, String> type) {
        List<RelDataTypeField> output = output(union);
        return "(" + side(union, 0, output, write, type) + " UNION " + (all ? "ALL " : "")
                + side(union, 1, output, write, type) + ")";
    }

    private String side(SqlCall union, int operand, List<RelDataTypeField> output,
            Function<org.apache.calcite.sql.SqlNode, String> write, Function<RelDataType, String> type) {
        RelDataType row = validator.getValidatedNodeType(union.operand(operand));
        List<String> items = new ArrayList<>();
        for (RelDataTypeField column : output) {
            RelDataTypeField own = field(row, column.getName());
            String name = name(column.getName());
            items.add(own == null ? "CAST(NULL AS " + type.apply(column.getType()) + ") AS " + name
                    : name(own.getName()) + " AS " + name);
        }
        return "SELECT " + String.join(", ", items) + " FROM (" + write.apply(union.operand(operand)) + ") AS "
                + (operand == 0 ? "by_name_left" : "by_name_right");
    }

    /** DuckDB's output columns: the left's, then the right's the left lacks (names compared ignoring case). */
    private List<RelDataTypeField> output(SqlCall union) {
        RelDataType left = validator.getValidatedNodeType(union.operand(0));
        RelDataType right = validator.getValidatedNodeType(union.operand(1));
        List<RelDataTypeField> fields = new ArrayList<>(left.getFieldList());
        for (RelDataTypeField field : right.getFieldList()) {
            if (field(left, field.getName()) == null) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static RelDataTypeField field(RelDataType row, String name) {
        return row.getFieldList().stream().filter(field -> field.getName().toLowerCase(Locale.ROOT)
                .equals(name.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
    }

    private static boolean sameType(RelDataType a, RelDataType b) {
        return a.getSqlTypeName() == b.getSqlTypeName() && a.getPrecision() == b.getPrecision()
                && a.getScale() == b.getScale();
    }

    private static String name(String name) {
        return SnowflakeIdentifiers.needsQuotes(name) ? SnowflakeIdentifiers.quoted(name) : name;
    }
}
