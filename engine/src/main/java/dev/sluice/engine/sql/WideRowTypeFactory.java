package dev.sluice.engine.sql;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeFieldImpl;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelRecordType;
import org.apache.calcite.rel.type.StructKind;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's type factory, whose wide rows find a field by name in constant time ignoring case. Calcite's own
 * rows look a name up case-insensitively (as Sluice validates, following DuckDB) by comparing it with every
 * field in turn, so resolving each column of a wide select against a wide relation costs the product of the
 * two widths. Rows of {@value #WIDE} fields or more are {@link IndexedRecordType}s, interned like Calcite's
 * (one instance per kind, names, types and nullability, equal to a Calcite row of the same digest).
 *
 * <p>Thread-safe.
 */
final class WideRowTypeFactory extends SqlTypeFactoryImpl {
    static final int WIDE = 64;
    /** Each wide row, once: Calcite compares rows by identity in places. Entries go when no row is in use. */
    private static final Map<RelDataType, WeakReference<RelDataType>> WIDE_ROWS = new WeakHashMap<>();

    WideRowTypeFactory(RelDataTypeSystem typeSystem) {
        super(typeSystem);
    }

    @Override
    protected RelDataType canonize(StructKind kind, List<String> names, List<RelDataType> types, boolean nullable) {
        if (names.size() < WIDE) {
            return super.canonize(kind, names, types, nullable);
        }
        List<RelDataTypeField> fields = new ArrayList<>(names.size());
        for (int index = 0; index < names.size(); index++) {
            fields.add(new RelDataTypeFieldImpl(names.get(index), index, types.get(index)));
        }
        return intern(new IndexedRecordType(kind, fields, nullable));
    }

    private static RelDataType intern(RelDataType row) {
        synchronized (WIDE_ROWS) {
            WeakReference<RelDataType> known = WIDE_ROWS.get(row);
            RelDataType existing = known == null ? null : known.get();
            if (existing != null) {
                return existing;
            }
            WIDE_ROWS.put(row, new WeakReference<>(row));
            return row;
        }
    }

    /** A row with an index of its field names, folded as {@link String#equalsIgnoreCase} compares them. */
    static final class IndexedRecordType extends RelRecordType {
        private final Map<String, RelDataTypeField> byFoldedName;
        /** A lookup that misses the index must ask Calcite: a dynamic star or an {@code _extra} field matches it. */
        private final boolean missesNeedCalcite;

        IndexedRecordType(StructKind kind, List<RelDataTypeField> fields, boolean nullable) {
            super(kind, fields, nullable);
            Map<String, RelDataTypeField> index = new HashMap<>();
            boolean special = !fields.isEmpty() && fields.get(fields.size() - 1).getName().equals("_extra");
            for (RelDataTypeField field : fields) {
                index.putIfAbsent(fold(field.getName()), field);
                special |= field.isDynamicStar();
            }
            this.byFoldedName = index;
            this.missesNeedCalcite = special;
        }

        @Override
        public @Nullable RelDataTypeField getField(String fieldName, boolean caseSensitive, boolean elideRecord) {
            if (caseSensitive) {
                return super.getField(fieldName, true, elideRecord);
            }
            RelDataTypeField field = byFoldedName.get(fold(fieldName));
            if (field != null || elideRecord || missesNeedCalcite) {
                // A hit is the first field equal ignoring case, as Calcite's scan finds it.
                return field != null ? field : super.getField(fieldName, false, elideRecord);
            }
            return null;
        }

        /**
         * The name with each character folded the way {@link String#equalsIgnoreCase} compares characters (upper
         * case, then lower case), so two names are equal ignoring case exactly when their folds are equal.
         */
        static String fold(String name) {
            StringBuilder folded = null;
            for (int index = 0; index < name.length(); index++) {
                char character = name.charAt(index);
                char fold = Character.toLowerCase(Character.toUpperCase(character));
                if (fold != character && folded == null) {
                    folded = new StringBuilder(name.length()).append(name, 0, index);
                }
                if (folded != null) {
                    folded.append(fold);
                }
            }
            return folded == null ? name : folded.toString();
        }
    }
}
