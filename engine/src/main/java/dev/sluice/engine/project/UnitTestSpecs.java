package dev.sluice.engine.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one {@code unit_tests:} entry, naming the file and the field that is wrong. */
final class UnitTestSpecs {
    private UnitTestSpecs() {}

    static UnitTestSpec read(JsonNode test, String file) {
        String name = test.path("name").asText(null);
        String model = test.path("model").asText(null);
        if (name == null || model == null) {
            throw error(file, "a unit test needs a name and a model, got " + test);
        }
        Map<String, List<Map<String, Object>>> given = new LinkedHashMap<>();
        for (JsonNode input : test.path("given")) {
            String relation = input.path("input").asText(null);
            if (relation == null) {
                throw error(file, "unit test " + name + ": each given entry needs `input: ref(\"model\")` or"
                        + " `input: source(\"name\", \"table\")`");
            }
            given.put(relation, rows(input.path("rows"), file, name));
        }
        if (!test.path("expect").has("rows")) {
            throw error(file, "unit test " + name + ": needs `expect: {rows: [...]}`");
        }
        return new UnitTestSpec(name, model, given, rows(test.path("expect").path("rows"), file, name), file);
    }

    private static List<Map<String, Object>> rows(JsonNode node, String file, String name) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : node) {
            if (!row.isObject()) {
                throw error(file, "unit test " + name + ": a row is a map of column to value, got " + row);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            row.fields().forEachRemaining(cell -> values.put(cell.getKey(),
                    Yaml.mapper().convertValue(cell.getValue(), Object.class)));
            rows.add(values);
        }
        return rows;
    }

    private static SluiceException error(String file, String message) {
        return new SluiceException(ErrorCode.PROJECT_CONFIG, file + ": " + message);
    }
}
