package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.freshness.Ages;
import dev.sluice.engine.freshness.FreshnessResult;
import dev.sluice.engine.freshness.SourceFreshness;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice source ...}: the sources models read (sources: in sluice.yml), as dbt's {@code dbt source}. */
@Command(name = "source", mixinStandardHelpOptions = true,
        description = "Check the sources models read (sources: in sluice.yml); see `sluice source freshness`.",
        subcommands = SourceCommand.Freshness.class)
final class SourceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "freshness", mixinStandardHelpOptions = true,
            description = {"Check how recent each source table with a freshness: block is: the newest loaded_at_field"
                    + " against warn_after and error_after.",
                    "Exit code 1 when a table is older than error_after, has no rows, or cannot be read."})
    static final class Freshness implements Callable<Integer> {
        @Mixin
        ProjectOptions projectOptions;

        @Mixin
        ServerOptions serverOptions;

        @Option(names = {"-s", "--select"}, paramLabel = "SOURCE[.TABLE]",
                description = "Source tables to check (default: every one with freshness): rudder, rudder.tracks,"
                        + " source:rudder.tracks.")
        List<String> select = new ArrayList<>();

        @Option(names = "--json", description = "Print the result as JSON instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<FreshnessResult> results;
            try (Workspace workspace = projectOptions.open()) {
                results = SourceFreshness.check(workspace.project(), workspace.warehouse(), select, Clock.systemUTC());
            }
            boolean failed = results.stream().anyMatch(FreshnessResult::failed);
            if (json) {
                out.println(json(results));
                out.flush();
                return failed ? 1 : 0;
            }
            if (results.isEmpty()) {
                out.println("No source table declares freshness: add loaded_at_field and freshness: (warn_after,"
                        + " error_after) to a source or table under sources: in sluice.yml.");
                out.flush();
                return 0;
            }
            TextTable table = new TextTable(List.of("source", "table", "loaded_at_field", "max_loaded_at", "age",
                    "warn_after", "error_after", "status"));
            for (FreshnessResult result : results) {
                table.add(List.of(result.source(), result.table(), result.freshness().loadedAtField(),
                        result.maxLoadedAt() == null ? "-" : result.maxLoadedAt().toString(),
                        result.age() == null ? "-" : Ages.describe(result.age()), limit(result.freshness().warnAfter()),
                        limit(result.freshness().errorAfter()), status(result)));
            }
            table.print(out);
            out.printf("%nChecked %s: %d passed, %d warned, %d errors, %d runtime errors.%n",
                    Console.count(results.size(), "source tables"), count(results, FreshnessResult.Status.PASS),
                    count(results, FreshnessResult.Status.WARN), count(results, FreshnessResult.Status.ERROR),
                    count(results, FreshnessResult.Status.RUNTIME_ERROR));
            out.flush();
            for (FreshnessResult result : results) {
                if (result.message() != null) {
                    err.println(status(result) + " " + result.source() + "." + result.table() + ": " + result.message());
                }
            }
            err.flush();
            return failed ? 1 : 0;
        }

        private static String limit(Duration duration) {
            return duration == null ? "-" : Ages.describe(duration);
        }

        private static String status(FreshnessResult result) {
            return result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        private static long count(List<FreshnessResult> results, FreshnessResult.Status status) {
            return results.stream().filter(result -> result.status() == status).count();
        }

        /** Field names as dbt's {@code target/sources.json} has them, so tools that read one read the other. */
        static String json(List<FreshnessResult> results) throws Exception {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = mapper.createObjectNode();
            root.put("success", results.stream().noneMatch(FreshnessResult::failed));
            ArrayNode list = root.putArray("results");
            for (FreshnessResult result : results) {
                ObjectNode node = list.addObject().put("unique_id", "source." + result.source() + "." + result.table())
                        .put("source", result.source()).put("table", result.table())
                        .put("relation", result.relation().toString())
                        .put("loaded_at_field", result.freshness().loadedAtField())
                        .put("status", result.status().name().toLowerCase(Locale.ROOT))
                        .put("max_loaded_at", result.maxLoadedAt() == null ? null : result.maxLoadedAt().toString())
                        .put("snapshotted_at", result.checkedAt().toString());
                if (result.age() == null) {
                    node.putNull("max_loaded_at_time_ago_in_s");
                } else {
                    node.put("max_loaded_at_time_ago_in_s", result.age().toMillis() / 1000.0);
                }
                ObjectNode criteria = node.putObject("criteria");
                seconds(criteria, "warn_after_s", result.freshness().warnAfter());
                seconds(criteria, "error_after_s", result.freshness().errorAfter());
                node.put("message", result.message());
            }
            return mapper.writeValueAsString(root);
        }

        private static void seconds(ObjectNode node, String field, Duration duration) {
            if (duration == null) {
                node.putNull(field);
            } else {
                node.put(field, duration.getSeconds());
            }
        }
    }
}
