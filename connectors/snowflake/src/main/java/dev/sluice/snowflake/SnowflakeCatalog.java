package dev.sluice.snowflake;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseRelation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads relations from {@code INFORMATION_SCHEMA}: one query per schema however many relations of it
 * are asked for. Types come back in Snowflake's spelling ({@code NUMBER(38,0)}, {@code TIMESTAMP_NTZ},
 * {@code VARIANT}), except {@code FLOAT}, reported as {@code DOUBLE} (Snowflake's FLOAT is a double;
 * Sluice reads {@code FLOAT} as DuckDB's 4-byte float). A table's {@code ROW_COUNT} comes along: Snowflake keeps it in
 * the table's metadata, exact, so a table just built needs no {@code count(*)} of its own. Stateless.
 */
final class SnowflakeCatalog {
    private SnowflakeCatalog() {}

    static String query(String schema, Collection<String> tables) {
        return "select c.table_name, t.table_type, c.column_name, c.data_type, c.numeric_precision, c.numeric_scale,"
                + " c.is_nullable, t.row_count\nfrom information_schema.columns c\njoin information_schema.tables t"
                + " on t.table_schema = c.table_schema and t.table_name = c.table_name\nwhere c.table_schema = "
                + SnowflakeIdentifiers.literal(schema) + " and c.table_name in ("
                + tables.stream().map(SnowflakeIdentifiers::literal).collect(Collectors.joining(", "))
                + ")\norder by c.table_name, c.ordinal_position";
    }

    /** Groups relation names by their schema as Snowflake stores it (upper case). */
    static Map<String, List<RelationName>> bySchema(Collection<RelationName> relations) {
        Map<String, List<RelationName>> grouped = new LinkedHashMap<>();
        for (RelationName relation : relations) {
            grouped.computeIfAbsent(SnowflakeIdentifiers.toSnowflake(relation.schema()), schema -> new ArrayList<>())
                    .add(relation);
        }
        return grouped;
    }

    /** Accumulates one relation's rows of the catalog query. */
    static final class Builder {
        private final RelationName name;
        private RelationKind kind;
        private Long rows;
        private final List<WarehouseColumn> columns = new ArrayList<>();

        Builder(RelationName name) {
            this.name = name;
        }

        void add(String tableType, String column, String dataType, Object precision, Object scale, String nullable,
                Object rowCount) {
            kind = "VIEW".equals(tableType) ? RelationKind.VIEW : RelationKind.TABLE;
            rows = rowCount == null || kind == RelationKind.VIEW ? null : ((Number) rowCount).longValue();
            columns.add(new WarehouseColumn(SnowflakeIdentifiers.fromSnowflake(column), type(dataType, precision, scale),
                    !"NO".equals(nullable)));
        }

        WarehouseRelation build() {
            return new WarehouseRelation(name, kind, columns, rows);
        }
    }

    static String type(String dataType, Object precision, Object scale) {
        String type = dataType.toUpperCase(Locale.ROOT);
        return switch (type) {
            case "NUMBER" -> "NUMBER(" + (precision == null ? 38 : precision) + "," + (scale == null ? 0 : scale) + ")";
            case "TEXT" -> "VARCHAR";
            case "FLOAT" -> "DOUBLE";
            default -> type;
        };
    }
}
