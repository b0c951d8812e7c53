package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.server.transform.TransformFailure;
import dev.sluice.server.transform.TransformInput;
import dev.sluice.server.transform.TransformTarget;
import dev.sluice.server.transform.Transformation;
import dev.sluice.server.transform.TransformationChain;
import dev.sluice.server.transform.TransformationConfigReader;
import dev.sluice.server.transform.TransformationFiles;
import dev.sluice.server.transform.TransformationLog;
import dev.sluice.server.transform.TransformationRunner;
import dev.sluice.server.transform.TransformationTests;
import dev.sluice.server.transform.Transformations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Test transformations on sample events, or run their declared test cases.",
                "With FILE and --events: run one transformation on the events and print each output event, drop and"
                        + " error (with its JavaScript stack) and what it logged.",
                "Without FILE: run the test cases declared in transformations/*.yml."})
final class TransformTestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ProjectOptions projectOptions;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "A transformation, e.g. transformations/drop_internal.js.")
    Path file;

    @Option(names = "--events", paramLabel = "FILE", description = "Sample events: a JSON array, one object, or JSON lines.")
    Path events;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (file == null) {
            if (events != null) {
                throw new SluiceException(ErrorCode.TRANSFORMATION, "--events needs the transformation FILE to run them through");
            }
            return runDeclared(projectOptions.project, out) ? 0 : 1;
        }
        if (events == null) {
            throw new SluiceException(ErrorCode.TRANSFORMATION, "give the sample events with --events FILE");
        }
        return runSample(out) ? 0 : 1;
    }

    /** Runs the cases of transformations/*.yml and prints one line per case; false when one failed. */
    static boolean runDeclared(Path project, PrintWriter out) {
        List<TransformationTests.Case> cases = TransformationTests.read(project);
        if (cases.isEmpty()) {
            out.println("No transformation tests (declare them under \"tests:\" in transformations/*.yml)");
            out.flush();
            return true;
        }
        try (Transformations transformations = new Transformations(TransformationFiles.read(project),
                TransformationConfigReader.read(project), Clock.systemUTC())) {
            int failed = 0;
            for (TransformationTests.Outcome outcome : TransformationTests.run(transformations, cases)) {
                out.printf("%s %s (%s, %s)%n", outcome.passed() ? "PASS" : "FAIL", outcome.testCase().name(),
                        outcome.testCase().transformation(), outcome.testCase().file());
                for (String problem : outcome.problems()) {
                    out.println("    " + problem.replace("\n", "\n    "));
                }
                if (!outcome.passed()) {
                    failed++;
                    outcome.outputs().forEach(output -> out.println("    got: " + output));
                }
            }
            out.printf("Transformation tests: %d passed, %d failed%n", cases.size() - failed, failed);
            out.flush();
            return failed == 0;
        }
    }

    private boolean runSample(PrintWriter out) {
        TransformationFiles files = TransformationFiles.single(file);
        Transformation transformation = files.transformations().values().iterator().next();
        List<JsonNode> inputs = readEvents(events);
        boolean ok = true;
        try (Transformations transformations = new Transformations(files, Map.of(), Clock.systemUTC())) {
            TransformationRunner runner = transformations.runner(transformation.name(), file.toString());
            TransformationChain chain = transformations.chain(List.of(transformation.name()),
                    new TransformTarget("test", null, null), file.toString());
            out.printf("%s (version %s, %s), %d events%n", file, transformation.version(),
                    runner.batch() ? "transformBatch" : "transformEvent", inputs.size());
            List<List<TransformInput>> calls = new ArrayList<>();
            if (runner.batch()) {
                calls.add(inputs.stream().map(TransformTestCommand::input).toList());
            } else {
                inputs.forEach(event -> calls.add(List.of(input(event))));
            }
            for (int index = 0; index < calls.size(); index++) {
                TransformationChain.Result result = chain.apply(calls.get(index));
                String label = runner.batch() ? "batch" : "event " + (index + 1) + " (" + calls.get(index).get(0).messageId() + ")";
                for (byte[] output : result.events()) {
                    out.println(label + ": " + new String(output, StandardCharsets.UTF_8));
                }
                for (TransformFailure failure : result.failures()) {
                    if (failure.dropped()) {
                        out.println(label + ": dropped");
                    } else {
                        ok = false;
                        out.println(label + ": error: " + failure.error().withStack().replace("\n", "\n    "));
                        if (runner.batch()) {
                            break;
                        }
                    }
                }
            }
            List<TransformationLog.Line> lines = runner.log().lines();
            if (!lines.isEmpty()) {
                out.println("log:");
                lines.forEach(line -> out.println("  " + (line.messageId() == null ? "" : "[" + line.messageId() + "] ")
                        + line.text()));
            }
        }
        out.flush();
        return ok;
    }

    private static TransformInput input(JsonNode event) {
        return new TransformInput(event.toString().getBytes(StandardCharsets.UTF_8), event.path("messageId").asText(null));
    }

    /** A JSON array, one JSON object, or one object a line. */
    static List<JsonNode> readEvents(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.TRANSFORMATION, "cannot read " + path + ": " + e.getMessage(), e);
        }
        List<JsonNode> events = new ArrayList<>();
        try {
            JsonNode whole = JSON.readTree(text);
            if (whole != null && whole.isArray()) {
                whole.forEach(events::add);
            } else if (whole != null && whole.isObject()) {
                events.add(whole);
            }
        } catch (IOException notOneValue) {
            String[] lines = text.split("\n");
            for (int line = 0; line < lines.length; line++) {
                if (lines[line].isBlank()) {
                    continue;
                }
                try {
                    events.add(JSON.readTree(lines[line]));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new SluiceException(ErrorCode.TRANSFORMATION, path + ":" + (line + 1)
                            + ": not a JSON event: " + e.getOriginalMessage());
                }
            }
        }
        for (int index = 0; index < events.size(); index++) {
            if (!events.get(index).isObject()) {
                throw new SluiceException(ErrorCode.TRANSFORMATION, path + ": event " + (index + 1) + " is not a JSON object");
            }
        }
        return events;
    }
}
