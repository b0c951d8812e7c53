package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.server.admin.AdminClient;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice transform logs [NAME]}: what the transformations of a running {@code sluice serve} wrote with
 * {@code log(...)}, with their counts, read from its admin API ({@code GET /api/transformations}): the log is
 * kept in the server's memory.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the newest log(...) lines and the counts of the transformations a running `sluice serve` runs.")
final class TransformLogsCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this transformation.")
    String name;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "50",
            description = "Log lines per transformation, the newest (default: 50; the server keeps 1000).")
    int lines;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (lines < 1) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "--lines must be at least 1, got " + lines);
        }
        URI url = serverOptions.server;
        ServerFile.Entry discovered = null;
        if (url == null) {
            Optional<ServerFile.Entry> entry = ServerRouting.discover(projectOptions.project, projectOptions.target);
            if (entry.isEmpty()) {
                throw new SluiceException(ErrorCode.PROJECT_CONFIG, "no sluice serve of this project is running: a"
                        + " transformation's log is kept by the server that runs it; start it, or pass --server URL");
            }
            discovered = entry.get();
            url = discovered.url();
        }
        String token = ServerRouting.token(serverOptions.token, projectOptions.project, discovered);
        JsonNode transformations = new AdminClient(url, token).transformations(lines);
        boolean found = false;
        for (JsonNode transformation : transformations) {
            if (name != null && !name.equals(transformation.path("name").asText())) {
                continue;
            }
            found = true;
            out.println(transformation.path("name").asText() + " (" + transformation.path("file").asText() + ", version "
                    + transformation.path("version").asText() + ")" + (transformation.path("loaded").asBoolean()
                    ? ": received " + transformation.path("received").asLong() + ", emitted "
                    + transformation.path("emitted").asLong() + ", dropped " + transformation.path("dropped").asLong()
                    + ", failed " + transformation.path("failed").asLong() + "; " + transformation.path("logLines").asLong()
                    + " log lines" : ": not bound to a source or destination"));
            List<JsonNode> newestFirst = new ArrayList<>();
            transformation.path("log").forEach(newestFirst::add);
            Collections.reverse(newestFirst);
            for (JsonNode line : newestFirst) {
                String messageId = line.path("messageId").isTextual() ? " [" + line.path("messageId").asText() + "]" : "";
                out.println("  " + line.path("at").asText() + messageId + " " + line.path("text").asText());
            }
        }
        if (name != null && !found) {
            List<String> names = new ArrayList<>();
            transformations.forEach(transformation -> names.add(transformation.path("name").asText()));
            throw new SluiceException(ErrorCode.TRANSFORMATION, "no transformation \"" + name + "\" (found: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
        if (transformations.isEmpty()) {
            out.println("no transformations (transformations/*.js)");
        }
        out.flush();
        return 0;
    }
}
