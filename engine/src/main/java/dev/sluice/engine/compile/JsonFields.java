package dev.sluice.engine.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.Identifiers;
import dev.sluice.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the fields of a JSON column from the data itself, so a new event property becomes a new
 * column on the next run: the distinct JSON structures of the column's values, merged into one
 * typed field per leaf path. Reads the warehouse; never writes. Stateless and thread-safe.
 */
final class JsonFields {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Distinct structures read; real event streams have few, and this bounds a pathological one. */
    private static final int MAX_STRUCTURES = 5000;

    private JsonFields() {}

    static List<Map<String, Object>> discover(WarehouseAccess warehouse, RelationName relation, String column,
            String where) {
        if (!warehouse.dialect().equals("duckdb")) {
            throw new SluiceException(ErrorCode.TEMPLATE, "json_fields reads JSON structure with DuckDB's"
                    + " json_structure; " + warehouse.dialect() + " is not supported yet");
        }
        if (warehouse.describe(relation).isEmpty()) {
            return List.of();
        }
        String sql = "select distinct cast(json_structure(" + column + ") as varchar) from "
                + Identifiers.relation(relation) + " where " + column + " is not null"
                + (where.isBlank() ? "" : " and (" + where + ")") + " limit " + MAX_STRUCTURES;
        Map<List<String>, String> types = new TreeMap<>((left, right) -> String.join(".", left)
                .compareTo(String.join(".", right)));
        for (String structure : warehouse.strings(sql)) {
            try {
                walk(JSON.readTree(structure), new ArrayList<>(), types);
            } catch (java.io.IOException e) {
                throw new SluiceException(ErrorCode.TEMPLATE, "json_fields: cannot read the structure " + structure, e);
            }
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        types.forEach((path, type) -> {
            String name = snakeCase(String.join("_", path));
            int count = seen.merge(name, 1, Integer::sum);
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", count == 1 ? name : name + "_" + count);
            field.put("path", String.join(".", path));
            field.put("type", type);
            field.put("sql", expression(column, path, type));
            fields.add(field);
        });
        return fields;
    }

    private static void walk(JsonNode node, List<String> path, Map<List<String>, String> types) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(entry -> {
                List<String> child = new ArrayList<>(path);
                child.add(entry.getKey());
                walk(entry.getValue(), child, types);
            });
            return;
        }
        if (path.isEmpty()) {
            return;
        }
        String type = node.isTextual() ? leafType(node.asText()) : "JSON";
        types.merge(List.copyOf(path), type, JsonFields::widen);
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

    /** One type for values seen with two: numbers widen to DOUBLE, NULL gives way, anything else is text. */
    private static String widen(String left, String right) {
        if (left.equals(right) || right.equals("NULL")) {
            return left;
        }
        if (left.equals("NULL")) {
            return right;
        }
        if (List.of("BIGINT", "DOUBLE").containsAll(List.of(left, right))) {
            return "DOUBLE";
        }
        return left.equals("JSON") || right.equals("JSON") ? "JSON" : "VARCHAR";
    }

    private static String expression(String column, List<String> path, String type) {
        StringBuilder jsonPath = new StringBuilder("$");
        path.forEach(key -> jsonPath.append(".\"").append(key.replace("\"", "\\\"")).append('"'));
        String literal = dev.sluice.engine.model.SqlLiterals.text(jsonPath.toString());
        return switch (type) {
            case "JSON" -> "json_extract(" + column + ", " + literal + ")";
            case "VARCHAR", "NULL" -> "json_extract_string(" + column + ", " + literal + ")";
            default -> "try_cast(json_extract_string(" + column + ", " + literal + ") as " + type + ")";
        };
    }

    /** RudderStack's column naming: camelCase and punctuation to snake_case; keywords and leading digits get "_". */
    static String snakeCase(String key) {
        String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (snake.isEmpty() || Character.isDigit(snake.charAt(0)) || Identifiers.isReserved(snake)) {
            return "_" + snake;
        }
        return snake;
    }
}
