package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.admin.AdminClient;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code sluice run --server URL}: queues the run on the server, prints each model as it finishes and
 * a summary, and exits 1 when anything failed, like a local run.
 */
final class RemoteRun {
    private static final long POLL_MILLIS = 300;

    private RemoteRun() {}

    static int run(AdminClient client, SelectionOptions selection, boolean fullRefresh, int threads, PrintWriter out,
            PrintWriter err, boolean json) throws InterruptedException {
        JsonNode run = client.startRun(selection.select, selection.exclude, fullRefresh, threads);
        String id = run.get("id").asText();
        err.printf("Queued run %s on the server%n", id);
        err.flush();
        Set<String> printed = new HashSet<>();
        while (true) {
            run = client.run(id);
            for (JsonNode model : run.path("models")) {
                if (printed.add(model.path("model").asText())) {
                    err.printf("  %-7s %s%s%n", model.path("status").asText(), model.path("model").asText(),
                            model.path("error").isTextual() ? ": " + model.path("error").asText() : "");
                    err.flush();
                }
            }
            String state = run.path("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        if (json) {
            out.println(run.toPrettyString());
        } else {
            out.printf("Run %s (engine run %s): %s, %d succeeded, %d failed%s%n", id, run.path("runId").asText("-"),
                    run.path("state").asText(), run.path("succeeded").asLong(), run.path("failed").asLong(),
                    run.path("error").isTextual() ? "\n" + run.path("error").asText() : "");
        }
        out.flush();
        return run.path("state").asText().equals("success") ? 0 : 1;
    }
}
