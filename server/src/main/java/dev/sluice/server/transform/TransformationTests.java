package dev.sluice.server.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test cases for transformations, declared in {@code transformations/*.yml} like the models' unit tests:
 *
 * <pre>{@code
 * tests:
 *   - name: internal_sign_ups_are_dropped
 *     transformation: drop_internal_signups
 *     given:                         # input events
 *       - {type: track, event: Signed Up, messageId: m1, context: {traits: {email: ann@sluice.dev}}}
 *     expect: []                     # the output events, in order; each compared on the fields it lists
 *   - name: a_bad_plan_fails
 *     transformation: tag_plan
 *     given: [{type: track, properties: {plan: broken}}]
 *     expect_error: unknown plan     # a text the error must contain
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class TransformationTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One declared case. */
    public record Case(String name, String file, String transformation, List<JsonNode> given, List<JsonNode> expect,
            String expectError) {}

    /** A case's outcome: {@code problems} empty when it passed. */
    public record Outcome(Case testCase, List<String> problems, List<String> outputs) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private TransformationTests() {}

    /** The cases of every {@code transformations/*.yml}, by file name order. */
    public static List<Case> read(Path projectDirectory) {
        Path folder = projectDirectory.resolve(TransformationFiles.FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.TRANSFORMATION, "cannot list " + folder + ": " + e.getMessage(), e);
        }
        List<Case> cases = new ArrayList<>();
        for (Path file : files) {
            String name = TransformationFiles.FOLDER + "/" + file.getFileName();
            JsonNode tests = Yaml.read(file, name).path("tests");
            if (!tests.isArray()) {
                throw new SluiceException(ErrorCode.TRANSFORMATION, name + ": expected a list under \"tests\"");
            }
            for (int index = 0; index < tests.size(); index++) {
                cases.add(testCase(tests.get(index), name + ": tests[" + index + "]", name));
            }
        }
        return cases;
    }

    private static Case testCase(JsonNode node, String where, String file) {
        String name = node.path("name").asText(null);
        String transformation = node.path("transformation").asText(null);
        if (name == null || transformation == null) {
            throw new SluiceException(ErrorCode.TRANSFORMATION, where + ": every test needs a name and a transformation");
        }
        if (!node.path("given").isArray() || node.path("given").isEmpty()) {
            throw new SluiceException(ErrorCode.TRANSFORMATION, where + " (" + name + "): \"given\" must list input events");
        }
        boolean hasExpect = node.has("expect");
        String expectError = node.path("expect_error").asText(null);
        if (hasExpect == (expectError != null)) {
            throw new SluiceException(ErrorCode.TRANSFORMATION, where + " (" + name
                    + "): give either \"expect\" (the output events) or \"expect_error\"");
        }
        if (hasExpect && !node.path("expect").isArray()) {
            throw new SluiceException(ErrorCode.TRANSFORMATION, where + " (" + name + "): \"expect\" must be a list of events");
        }
        return new Case(name, file, transformation, list(node.path("given")), hasExpect ? list(node.path("expect")) : List.of(),
                expectError);
    }

    /** Runs the cases; a case naming a missing transformation fails with that message. */
    public static List<Outcome> run(Transformations transformations, List<Case> cases) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Case testCase : cases) {
            try {
                outcomes.add(run(transformations, testCase));
            } catch (SluiceException e) {
                outcomes.add(new Outcome(testCase, List.of(e.getMessage()), List.of()));
            }
        }
        return outcomes;
    }

    private static Outcome run(Transformations transformations, Case testCase) {
        TransformationChain chain = transformations.chain(List.of(testCase.transformation()),
                new TransformTarget("test", null, null), testCase.file() + ": " + testCase.name());
        List<TransformInput> inputs = new ArrayList<>();
        for (JsonNode event : testCase.given()) {
            inputs.add(new TransformInput(event.toString().getBytes(StandardCharsets.UTF_8), event.path("messageId").asText(null)));
        }
        TransformationChain.Result result = chain.apply(inputs);
        List<String> outputs = result.events().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        List<String> errors = result.failures().stream().filter(failure -> !failure.dropped())
                .map(failure -> failure.error().withStack()).toList();
        List<String> problems = new ArrayList<>();
        if (testCase.expectError() != null) {
            if (errors.stream().noneMatch(error -> error.contains(testCase.expectError()))) {
                problems.add("expected an error containing \"" + testCase.expectError() + "\", got "
                        + (errors.isEmpty() ? "none" : String.join("; ", errors)));
            }
            return new Outcome(testCase, problems, outputs);
        }
        errors.forEach(error -> problems.add("error: " + error));
        if (outputs.size() != testCase.expect().size()) {
            problems.add("expected " + testCase.expect().size() + " output events, got " + outputs.size());
        }
        for (int index = 0; index < Math.min(outputs.size(), testCase.expect().size()); index++) {
            JsonNode actual = parse(outputs.get(index));
            List<String> differences = new ArrayList<>();
            compare(testCase.expect().get(index), actual, "", differences);
            for (String difference : differences) {
                problems.add("output " + index + ": " + difference);
            }
        }
        return new Outcome(testCase, problems, outputs);
    }

    /** Every field the expected value lists must be in the actual one, equal (objects compared the same way). */
    private static void compare(JsonNode expected, JsonNode actual, String path, List<String> differences) {
        if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode value = actual == null ? null : actual.get(field.getKey());
                if (field.getValue().isNull() && (value == null || value.isNull())) {
                    continue;
                }
                if (value == null) {
                    differences.add(where + " is missing; expected " + field.getValue());
                } else {
                    compare(field.getValue(), value, where, differences);
                }
            }
        } else if (!expected.equals(actual) && !(expected.isNumber() && actual.isNumber()
                && expected.decimalValue().compareTo(actual.decimalValue()) == 0)) {
            differences.add(path + " is " + actual + "; expected " + expected);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        ((ArrayNode) array).forEach(list::add);
        return list;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a transformation output is not JSON: " + json, e);
        }
    }
}
