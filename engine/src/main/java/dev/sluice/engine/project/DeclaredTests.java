package dev.sluice.engine.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code tests:} (or dbt's {@code data_tests:}) list of a model or column entry:
 * <pre>
 * tests:
 *   - unique
 *   - accepted_values: {values: [free, pro], severity: warn}
 * </pre>
 */
final class DeclaredTests {
    private DeclaredTests() {}

    static List<DeclaredTest> read(JsonNode entry, String column, String file) {
        List<DeclaredTest> tests = new ArrayList<>();
        for (String key : List.of("tests", "data_tests")) {
            for (JsonNode test : entry.path(key)) {
                tests.add(one(test, column, file));
            }
        }
        return tests;
    }

    private static DeclaredTest one(JsonNode test, String column, String file) {
        if (test.isTextual()) {
            return new DeclaredTest(test.asText(), column, Map.of(), false, file);
        }
        if (!test.isObject() || test.size() != 1) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, file + ": a test is a name such as `unique`, or one"
                    + " name with its arguments such as `accepted_values: {values: [a, b]}`; got " + test);
        }
        String kind = test.fieldNames().next();
        Map<String, Object> arguments = new LinkedHashMap<>();
        test.get(kind).fields().forEachRemaining(argument -> arguments.put(argument.getKey(),
                Yaml.mapper().convertValue(argument.getValue(), Object.class)));
        Object severity = arguments.remove("severity");
        if (severity != null && !List.of("warn", "error").contains(String.valueOf(severity).toLowerCase())) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, file + ": test " + kind
                    + (column == null ? "" : " on column " + column) + ": severity must be warn or error, got " + severity);
        }
        return new DeclaredTest(kind, column, arguments, "warn".equalsIgnoreCase(String.valueOf(severity)), file);
    }
}
