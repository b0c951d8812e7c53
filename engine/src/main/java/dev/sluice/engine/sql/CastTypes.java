package dev.sluice.engine.sql;

import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlMapTypeNameSpec;
import org.apache.calcite.sql.SqlRowTypeNameSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/**
 * Resolves the type names written in casts ({@code x::timestamptz}, {@code cast(x as int8)},
 * {@code json[]}, {@code struct(a text)}) that Calcite's grammar reads as user-defined types, which
 * its validator would then look up as columns. Each is read by {@link WarehouseTypes}, the same
 * reading the catalog's column types get, so {@code int8} is BIGINT and {@code json} VARCHAR in a cast
 * as in a table.
 *
 * <p>Stateless and thread-safe.
 */
final class CastTypes {
    private static final SqlTypeFactoryImpl TYPES = new SqlTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
    /** DuckDB's TIMESTAMP_S, _MS and _NS: Sluice would record them as TIMESTAMP, which they are not. */
    private static final java.util.Set<String> PRECISE_TIMESTAMPS = java.util.Set.of("TIMESTAMP_S", "TIMESTAMP_MS",
            "TIMESTAMP_NS");

    private CastTypes() {}

    /**
     * {@code spec} with every user-defined type name in it replaced by the type it names; {@code spec}
     * itself when it names none.
     *
     * @throws SqlProblemException kind INVALID for a name no warehouse type has: the model is then
     *     checked without its columns, never stopped (the warehouse may know a type Sluice does not)
     */
    static SqlDataTypeSpec resolve(SqlDataTypeSpec spec, ModelDialect dialect) {
        SqlTypeNameSpec resolved = resolve(spec.getTypeNameSpec(), dialect);
        return resolved == spec.getTypeNameSpec() ? spec
                : new SqlDataTypeSpec(resolved, spec.getTimeZone(), spec.getNullable(), spec.getParserPosition());
    }

    private static SqlTypeNameSpec resolve(SqlTypeNameSpec spec, ModelDialect dialect) {
        if (spec instanceof SqlBasicTypeNameSpec basic && dialect == ModelDialect.DUCKDB) {
            String name = basic.getTypeName().getSimple().toUpperCase(Locale.ROOT);
            if (name.equals("DECIMAL") && basic.getPrecision() < 0 || name.equals("FLOAT")) {
                // Calcite reads these as the SQL standard (and Snowflake) does; DuckDB's DECIMAL is
                // DECIMAL(18,3) and its FLOAT four bytes.
                return new Resolved(name, WarehouseTypes.toCalcite(name, true, TYPES), spec.getParserPos());
            }
        }
        if (spec instanceof SqlUserDefinedTypeNameSpec) {
            String name = String.join(".", spec.getTypeName().names);
            RelDataType type = WarehouseTypes.toCalcite(name, true, TYPES);
            if (PRECISE_TIMESTAMPS.contains(name.toUpperCase(Locale.ROOT))) {
                throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.INVALID, "type \"" + name
                        + "\" keeps a timestamp precision Sluice's columns do not record, so its columns are not checked",
                        spec.getParserPos().getLineNum(), spec.getParserPos().getColumnNum(), null), null);
            }
            if (type.getSqlTypeName() == SqlTypeName.ANY) {
                throw new SqlProblemException(new SqlProblem(SqlProblem.Kind.INVALID, "type \"" + name
                        + "\" is not one Sluice knows, so the columns it makes cannot be checked",
                        spec.getParserPos().getLineNum(), spec.getParserPos().getColumnNum(), null), null);
            }
            return new Resolved(name, type, spec.getParserPos());
        }
        if (spec instanceof SqlCollectionTypeNameSpec collection) {
            SqlTypeNameSpec element = resolve(collection.getElementTypeName(), dialect);
            return element == collection.getElementTypeName() ? spec : new SqlCollectionTypeNameSpec(element,
                    collection.getTypeName().getSimple().toUpperCase(Locale.ROOT).equals("MULTISET")
                            ? SqlTypeName.MULTISET : SqlTypeName.ARRAY, spec.getParserPos());
        }
        if (spec instanceof SqlMapTypeNameSpec map) {
            SqlDataTypeSpec key = resolve(map.getKeyType(), dialect);
            SqlDataTypeSpec value = resolve(map.getValType(), dialect);
            return key == map.getKeyType() && value == map.getValType() ? spec
                    : new SqlMapTypeNameSpec(key, value, spec.getParserPos());
        }
        if (spec instanceof SqlRowTypeNameSpec row) {
            var fields = row.getFieldTypes().stream().map(field -> resolve(field, dialect)).toList();
            boolean same = true;
            for (int index = 0; index < fields.size(); index++) {
                same &= fields.get(index) == row.getFieldTypes().get(index);
            }
            return same ? spec : new SqlRowTypeNameSpec(spec.getParserPos(), row.getFieldNames(), fields);
        }
        return spec;
    }

    /** A type name Sluice has read: derives its type, and writes the name as the author wrote it. */
    private static final class Resolved extends SqlTypeNameSpec {
        private final String written;
        private final RelDataType type;

        Resolved(String written, RelDataType type, org.apache.calcite.sql.parser.SqlParserPos position) {
            super(new SqlIdentifier(written, position), position);
            this.written = written;
            this.type = type;
        }

        @Override
        public RelDataType deriveType(SqlValidator validator) {
            return validator.getTypeFactory().copyType(type);
        }

        @Override
        public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
            writer.keyword(written);
        }

        @Override
        public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
            return spec instanceof Resolved other && other.written.equalsIgnoreCase(written)
                    ? litmus.succeed() : litmus.fail("{} != {}", this, spec);
        }
    }
}
