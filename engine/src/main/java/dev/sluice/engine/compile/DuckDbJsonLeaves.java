package dev.sluice.engine.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.Identifiers;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.spi.RelationName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DuckDB: the distinct {@code json_structure}s of the column with how many rows have each, walked to
 * their leaves. The kinds of the other warehouses are defined as this gives them. Stateless and thread-safe.
 */
final class DuckDbJsonLeaves implements JsonLeaves {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Distinct structures read; real event streams have few, and this bounds a pathological one. */
    private static final int MAX_STRUCTURES = 5000;

    @Override
    public void tally(WarehouseAccess warehouse, Map<String, List<String>> memo, SqlCatalog catalog,
            RelationName relation, String column, String where, FieldTypes tally) {
        // Each distinct structure with how many rows have it, as "<count> <structure>" (one text column).
        String sql = "select cast(count(*) as varchar) || ' ' || cast(json_structure(" + column + ") as varchar)"
                + " from " + Identifiers.relation(relation) + " where " + column + " is not null"
                + (where.isBlank() ? "" : " and (" + where + ")") + " group by json_structure(" + column + ")"
                + " order by count(*) desc limit " + MAX_STRUCTURES;
        for (String row : memo.computeIfAbsent(sql, warehouse::strings)) {
            int space = row.indexOf(' ');
            String structure = row.substring(space + 1);
            try {
                walk(JSON.readTree(structure), new ArrayList<>(), Long.parseLong(row.substring(0, space)), tally);
            } catch (java.io.IOException e) {
                throw new SluiceException(ErrorCode.TEMPLATE, "json_fields: cannot read the structure " + structure, e);
            }
        }
    }

    private static void walk(JsonNode node, List<String> path, long rows, FieldTypes tally) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(entry -> {
                List<String> child = new ArrayList<>(path);
                child.add(entry.getKey());
                walk(entry.getValue(), child, rows, tally);
            });
            return;
        }
        if (path.isEmpty()) {
            return;
        }
        // An array's structure is an array (a JSON leaf); an empty object's is the text "JSON", which reads as VARCHAR.
        tally.add(path, node.isTextual() ? leafType(node.asText()) : "JSON", rows);
    }

    private static String leafType(String structureType) {
        return switch (structureType) {
            case "BOOLEAN" -> "BOOLEAN";
            case "BIGINT", "UBIGINT", "INTEGER" -> "BIGINT";
            case "DOUBLE" -> "DOUBLE";
            case "NULL" -> "NULL";
            default -> "VARCHAR";
        };
    }
}
