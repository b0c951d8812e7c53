package dev.sluice.sql.parser;

import static org.apache.calcite.util.Static.RESOURCE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSetOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * DuckDB's {@code UNION [ALL] BY NAME}: columns are matched by name (case-insensitively), not by
 * position. The output has the left query's columns in its order, then the right query's columns the
 * left lacks; a column one side lacks is NULL there, and a column both have gets their common type.
 * A set operation of kind UNION to the validator, so Calcite validates both queries as for UNION.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnionByName extends SqlSetOperator {
    /** {@code UNION BY NAME}: duplicates removed. */
    public static final UnionByName UNION = new UnionByName("UNION BY NAME", false);
    /** {@code UNION ALL BY NAME}. */
    public static final UnionByName UNION_ALL = new UnionByName("UNION ALL BY NAME", true);

    private UnionByName(String name, boolean all) {
        super(name, SqlKind.UNION, 12, all, UnionByName::byName, null, OperandTypes.ANY_ANY);
    }

    /** Whether {@code node} is a UNION BY NAME, which matches columns differently from the UNION of its kind. */
    public static boolean isUnionByName(SqlNode node) {
        return node instanceof SqlCall call && call.getOperator() instanceof UnionByName;
    }

    /** Validates without looking the operator up by name: the parser bound it. */
    @Override
    public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
        return validateOperands(validator, scope, call);
    }

    private static RelDataType byName(SqlOperatorBinding binding) {
        RelDataTypeFactory types = binding.getTypeFactory();
        RelDataType left = binding.getOperandType(0);
        RelDataType right = binding.getOperandType(1);
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<RelDataType> columnTypes = new ArrayList<>();
        List<Boolean> onBothSides = new ArrayList<>();
        for (RelDataTypeField field : left.getFieldList()) {
            positions.putIfAbsent(field.getName().toLowerCase(Locale.ROOT), names.size());
            names.add(field.getName());
            columnTypes.add(field.getType());
            onBothSides.add(false);
        }
        for (RelDataTypeField field : right.getFieldList()) {
            Integer position = positions.get(field.getName().toLowerCase(Locale.ROOT));
            if (position == null) {
                positions.put(field.getName().toLowerCase(Locale.ROOT), names.size());
                names.add(field.getName());
                columnTypes.add(types.createTypeWithNullability(field.getType(), true));
                onBothSides.add(true); // nullable already
                continue;
            }
            RelDataType common = types.leastRestrictive(List.of(columnTypes.get(position), field.getType()));
            if (common == null) {
                throw binding.newError(RESOURCE.columnTypeMismatchInSetop(position + 1, "UNION BY NAME"));
            }
            columnTypes.set(position, common);
            onBothSides.set(position, true);
        }
        for (int index = 0; index < names.size(); index++) {
            if (!onBothSides.get(index)) {
                columnTypes.set(index, types.createTypeWithNullability(columnTypes.get(index), true));
            }
        }
        return types.createStructType(columnTypes, names);
    }
}
