package dev.sluice.engine.compile;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.Identifiers;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.spi.RelationName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the fields of a JSON column from the data itself, so a new event property becomes a new
 * column on the next run: the distinct JSON structures of the column's values, merged into one
 * typed field per leaf path ({@link FieldTypes} picks the type most rows have). The warehouse's own SQL
 * reads the leaves ({@link JsonLeaves}), with the same fields and types on every warehouse for the same
 * documents; the fields' SQL is DuckDB's, translated with the model. Reads the warehouse; never writes.
 * Stateless and thread-safe.
 */
final class JsonFields {
    private JsonFields() {}

    /**
     * @param memo answers already read in this compile, by query text; filled as a side effect
     * @param catalog the compile's catalog, for translating {@code where} to the warehouse's dialect
     * @param modelDialect the dialect the project's models are written in: the fields' SQL is written in it
     * @param fixedTypes types that win over the data's, by lower-case column name ({@code prefix} +
     *     the field's name): the columns of a table that already exists, so a type never flips
     */
    static List<Map<String, Object>> discover(WarehouseAccess warehouse, Map<String, List<String>> memo,
            SqlCatalog catalog, String modelDialect, RelationName relation, String column, String where, String prefix,
            Map<String, String> fixedTypes) {
        if (!modelDialect.equals("duckdb")) {
            // The fields' SQL is DuckDB's, translated with the model when the warehouse speaks another dialect.
            throw new SluiceException(ErrorCode.TEMPLATE, "json_fields writes DuckDB SQL; it is not available to"
                    + " models written in " + modelDialect);
        }
        JsonLeaves leaves = JsonLeaves.of(warehouse.dialect());
        if (memo.computeIfAbsent("describe " + Identifiers.relation(relation), key -> warehouse.describe(relation)
                .map(found -> List.of("exists")).orElse(List.of())).isEmpty()) {
            return List.of();
        }
        FieldTypes tally = new FieldTypes();
        leaves.tally(warehouse, memo, catalog, relation, column, where, tally);
        Map<List<String>, String> types = tally.types();
        List<Map<String, Object>> fields = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        types.forEach((path, type) -> {
            String name = snakeCase(String.join("_", path));
            int count = seen.merge(name, 1, Integer::sum);
            Map<String, Object> field = new LinkedHashMap<>();
            String fieldName = count == 1 ? name : name + "_" + count;
            String fixed = sqlType(fixedTypes.get((prefix + fieldName).toLowerCase(Locale.ROOT)));
            String fieldType = fixed == null ? type : fixed;
            field.put("name", fieldName);
            field.put("path", String.join(".", path));
            field.put("type", fieldType);
            field.put("sql", expression(column, path, fieldType));
            field.put("text", expression(column, path, "VARCHAR"));
            fields.add(field);
        });
        return fields;
    }

    /**
     * The field type that reads into a column of the given warehouse or catalog type, or
     * {@code null} when the type is unknown or not one a field has (then the data's type stays).
     */
    static String sqlType(String columnType) {
        if (columnType == null) {
            return null;
        }
        String type = columnType.strip().toUpperCase(Locale.ROOT);
        if (type.startsWith("VARCHAR") || type.startsWith("CHAR") || type.equals("TEXT") || type.equals("STRING")) {
            return "VARCHAR";
        }
        if (type.startsWith("JSON") || type.equals("VARIANT") || type.equals("OBJECT") || type.equals("ARRAY")) {
            return "JSON";
        }
        if (type.startsWith("BOOLEAN")) {
            return "BOOLEAN";
        }
        if (type.matches("(U?(BIG|SMALL|TINY|HUGE)?INT(EGER)?)( NOT NULL)?")) {
            return "BIGINT";
        }
        // Snowflake's integer types are NUMBER(38, 0).
        if (type.matches("NUMBER(\\(\\d+, *0\\))?")) {
            return "BIGINT";
        }
        if (type.matches("(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|NUMBER).*")) {
            return "DOUBLE";
        }
        return null;
    }

    /**
     * The SQL reading the field as {@code type}. A value is read only when the type holds it exactly, else
     * it reads as NULL (and the discards macro reports it): a cast alone would round {@code 2.7} to 3 in a
     * BIGINT, turn {@code 1e400} into Infinity, drop the last digits of a 30-digit integer in a DOUBLE and
     * read the number 1 as {@code true}. DuckDB's {@code json_extract_string} gives a number's text as
     * parsed (a 64-bit integer, or the shortest text of a double), and the sent text for integers beyond
     * 64 bits and numbers beyond a double's range.
     */
    static String expression(String column, List<String> path, String type) {
        StringBuilder jsonPath = new StringBuilder("$");
        path.forEach(key -> jsonPath.append(".\"").append(key.replace("\"", "\\\"")).append('"'));
        String literal = dev.sluice.engine.model.SqlLiterals.text(jsonPath.toString());
        String text = "json_extract_string(" + column + ", " + literal + ")";
        return switch (type) {
            case "JSON" -> "json_extract(" + column + ", " + literal + ")";
            case "VARCHAR", "NULL" -> text;
            // Whole numbers only ("3", "3.0", "-12"), within BIGINT's range.
            case "BIGINT" -> "case when regexp_full_match(" + text + ", '-?[0-9]+(\\.0+)?') then try_cast(" + text
                    + " as BIGINT) end";
            // Finite numbers; a whole number only when the DOUBLE holds it exactly (up to 38 digits).
            case "DOUBLE" -> "case when regexp_full_match(" + text + ", '-?[0-9]+') then case when try_cast(" + text
                    + " as DECIMAL(38, 0)) = try_cast(try_cast(" + text + " as DOUBLE) as DECIMAL(38, 0)) then try_cast("
                    + text + " as DOUBLE) end when try_cast(" + text + " as DOUBLE) between -1.7976931348623157e308 and"
                    + " 1.7976931348623157e308 then try_cast(" + text + " as DOUBLE) end";
            case "BOOLEAN" -> "case when lower(" + text + ") in ('true', 'false') then lower(" + text + ") = 'true' end";
            default -> "try_cast(" + text + " as " + type + ")";
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
