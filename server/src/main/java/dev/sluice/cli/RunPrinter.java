package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.datatest.DataTestResult;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints a run's result: tables for people, JSON for machines. */
final class RunPrinter {
    private RunPrinter() {}

    static void printTables(RunResult result, PrintWriter out, PrintWriter err) {
        if (!result.models().isEmpty()) {
            TextTable table = new TextTable(List.of("model", "kind", "rows", "seconds", "status"));
            for (ModelRunResult model : result.models()) {
                table.add(List.of(model.model(), model.kind().configName(),
                        model.rows() == null ? "-" : String.valueOf(model.rows()), seconds(model.elapsed().toMillis()),
                        lower(model.status())));
            }
            out.println();
            table.print(out);
        }
        if (!result.tests().isEmpty()) {
            TextTable table = new TextTable(List.of("test", "model", "failures", "status"));
            for (DataTestResult test : result.tests()) {
                table.add(List.of(test.test().name(), test.test().attachedTo() == null ? "-" : test.test().attachedTo(),
                        String.valueOf(test.failures()), lower(test.status())));
            }
            out.println();
            table.print(out);
        }
        out.printf(Locale.ROOT, "%nDone in %ss:", seconds(result.elapsed().toMillis()));
        if (!result.models().isEmpty()) {
            out.printf(" %d succeeded, %d failed, %d skipped.", result.count(ModelRunResult.Status.SUCCESS),
                    result.models().size() - result.count(ModelRunResult.Status.SUCCESS)
                            - result.count(ModelRunResult.Status.SKIPPED), result.count(ModelRunResult.Status.SKIPPED));
        }
        if (!result.tests().isEmpty()) {
            out.printf(" Tests: %d passed, %d warned, %d failed, %d errors, %d skipped.",
                    count(result, DataTestResult.Status.PASS), count(result, DataTestResult.Status.WARN),
                    count(result, DataTestResult.Status.FAIL), count(result, DataTestResult.Status.ERROR),
                    count(result, DataTestResult.Status.SKIPPED));
        }
        out.println();
        out.flush();
        result.models().stream().filter(model -> model.status() == ModelRunResult.Status.ERROR
                || model.status() == ModelRunResult.Status.TESTS_FAILED)
                .forEach(model -> err.println("error in " + model.model() + ": " + model.error()));
        result.tests().stream().filter(test -> test.status() != DataTestResult.Status.PASS
                && test.status() != DataTestResult.Status.SKIPPED)
                .forEach(test -> err.println(lower(test.status()) + " " + test.test().name() + ": " + test.message()));
        err.flush();
    }

    static String json(RunResult result) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("run_id", result.runId());
        root.put("success", !result.failed());
        root.put("seconds", result.elapsed().toMillis() / 1000.0);
        ArrayNode models = root.putArray("models");
        for (ModelRunResult model : result.models()) {
            ObjectNode node = models.addObject().put("model", model.model()).put("kind", model.kind().configName())
                    .put("status", lower(model.status()));
            if (model.rows() == null) {
                node.putNull("rows");
            } else {
                node.put("rows", model.rows());
            }
            node.put("seconds", model.elapsed().toMillis() / 1000.0).put("error", model.error());
        }
        ArrayNode tests = root.putArray("tests");
        for (DataTestResult test : result.tests()) {
            tests.addObject().put("test", test.test().name()).put("model", test.test().attachedTo())
                    .put("status", lower(test.status())).put("failures", test.failures()).put("message", test.message());
        }
        return mapper.writeValueAsString(root);
    }

    private static long count(RunResult result, DataTestResult.Status status) {
        return result.tests().stream().filter(test -> test.status() == status).count();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }
}
