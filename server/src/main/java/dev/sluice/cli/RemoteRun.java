package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunResult;
import dev.sluice.server.admin.AdminClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code sluice run} on a running server ({@code --server URL}, or the server that holds the project's warehouse):
 * queues the run there ({@code POST /api/runs}) and follows it, printing what a local run prints: the compile's
 * warnings, each model's start and result as the server reports them, then the result table (or {@code --json}), and exits 1 when
 * anything failed.
 */
final class RemoteRun {
    /**
     * The compile's warnings as the server's run logged them (each as {@code Diagnostic.format()} writes it, which a
     * local run prints): the lines between {@code started} and {@code engine run ...}.
     */
    static List<String> compileWarnings(JsonNode log) {
        List<String> warnings = new ArrayList<>();
        boolean compiling = false;
        for (JsonNode entry : log) {
            String line = entry.asText();
            String text = line.substring(line.indexOf(' ') + 1);
            if (text.startsWith("engine run ")) {
                break;
            }
            if (compiling) {
                warnings.add(text);
            }
            compiling |= text.equals("started");
        }
        return warnings;
    }

    private static final long POLL_MILLIS = 300;

    private RemoteRun() {}

    static int run(AdminClient client, SelectionOptions selection, boolean fullRefresh, int threads, PrintWriter out,
            PrintWriter err, ReportOptions reporting) throws Exception {
        JsonNode run = client.startRun(selection.select, selection.exclude, fullRefresh, threads);
        String id = run.get("id").asText();
        boolean quiet = OutputSettings.current().quiet();
        if (!quiet && !reporting.json) {
            err.printf("Queued run %s on the server%n", id);
            err.flush();
        }
        RunListener listener = RunCommand.listener(err, reporting.json);
        boolean started = false;
        Set<String> startsSeen = new HashSet<>();
        Set<String> finished = new HashSet<>();
        List<ModelRunResult> results = new ArrayList<>();
        while (true) {
            run = client.run(id);
            if (!started && run.path("runId").isTextual()) {
                listener.compiled(List.of());
                if (!quiet) {
                    compileWarnings(run.path("log")).forEach(err::println);
                    err.flush();
                }
                listener.runStarted(run.path("runId").asText(), run.path("total").asInt());
                started = true;
            }
            if (started) {
                for (JsonNode line : run.path("log")) {
                    // "<instant> start   <model>", as TrackedRun logs a model's start.
                    String[] parts = line.asText().split(" +", 3);
                    if (parts.length == 3 && parts[1].equals("start") && startsSeen.add(parts[2])) {
                        listener.modelStarted(parts[2]);
                    }
                }
                for (JsonNode model : run.path("models")) {
                    if (finished.add(model.path("model").asText())) {
                        ModelRunResult result = result(model);
                        results.add(result);
                        listener.modelFinished(result);
                    }
                }
            }
            String state = run.path("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (!started) {
            // Failed as a whole before any model (a selector matching nothing, a project that does not load).
            err.println("error: run " + id + " on the server " + run.path("state").asText() + ": "
                    + run.path("error").asText("(no reason given)"));
            err.flush();
            return 1;
        }
        Instant startedAt = instant(run.path("startedAt"));
        Instant endedAt = instant(run.path("endedAt"));
        Duration elapsed = startedAt == null || endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
        int code = reporting.report(new RunResult(run.path("runId").asText(), results, List.of(), elapsed), out, err);
        if (run.path("error").isTextual()) {
            err.println("error: " + run.path("error").asText());
            err.flush();
            code = 1;
        }
        return run.path("state").asText().equals("success") ? code : Math.max(code, 1);
    }

    /** A model's result as {@code GET /api/runs/{id}} describes it. */
    private static ModelRunResult result(JsonNode model) {
        Instant started = instant(model.path("startedAt"));
        Instant ended = instant(model.path("endedAt"));
        return new ModelRunResult(model.path("model").asText(),
                Materialization.fromConfigName(model.path("kind").asText()).orElse(Materialization.VIEW),
                ModelRunResult.Status.valueOf(model.path("status").asText().toUpperCase(Locale.ROOT)),
                model.path("rows").isNumber() ? model.path("rows").asLong() : null,
                started == null ? Instant.EPOCH : started, ended == null ? (started == null ? Instant.EPOCH : started) : ended,
                model.path("error").isTextual() ? model.path("error").asText() : null);
    }

    private static Instant instant(JsonNode value) {
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }
}
