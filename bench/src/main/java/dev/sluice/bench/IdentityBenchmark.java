package dev.sluice.bench;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.engine.sample.DogfoodTraffic;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Identity and profiles over {@code events} generated events on DuckDB ({@link DogfoodTraffic}, seed 1, loaded into
 * {@code rudder.events}; not timed): {@code +profiles} built from scratch, then again after 1% more events (the
 * same seed asked for 1% more, received an hour after the latest event; with
 * {@code -Dbench.identity.increments=N}, N such runs one after the other, each adding 1% more), then again with no
 * new events, each with
 * its per-model times. Then the incremental results are kept aside, {@code +profiles} is built again with
 * {@code --full-refresh}, and the two are compared row for row: every profile column but {@code sluice_updated_at},
 * and every event's {@code sluice_id}. Each run goes through {@link Workspace#run} (compile included) with one
 * {@link Workspace} open throughout, as {@code sluice serve} keeps one. Beside each model's wall time it reports the
 * process CPU time spent while the model built ({@link ModelCpu}), which the shared machine's load disturbs less,
 * and how many checkpoints DuckDB made during each run (the counter in the database file's headers). With
 * {@code -Dbench.identity.statementLog=DIR} (a directory) DuckDB's log of every statement and checkpoint of each run
 * is written to {@code DIR/<run>.csv}. With {@code -Dbench.identity.sdkEvents=true} each event carries what the
 * JavaScript SDK adds to it (a context of about 800 bytes) and the whole event as its payload, as the collector stores
 * real traffic.
 */
final class IdentityBenchmark {
    private final Path work;
    private final int events;
    private final Path database;
    private final Path statementLog;
    /** {@code -Dbench.identity.sdkEvents=true}: events loaded with the SDK's share ({@link #SDK_EVENTS}). */
    private final boolean sdkEvents = Boolean.getBoolean("bench.identity.sdkEvents");

    IdentityBenchmark(Path work, int events) {
        this.work = work;
        this.events = events;
        this.database = work.resolve("identity-" + events).resolve("bench.duckdb");
        String log = System.getProperty("bench.identity.statementLog");
        this.statementLog = log == null || log.isBlank() ? null : Path.of(log).toAbsolutePath();
    }

    /**
     * The generated events of {@code bench_generated.events} with the SDK's share, as the JavaScript SDK sends them
     * and the collector stores them: the generator writes only the fields the models read (an empty context for most
     * calls, an empty payload), so without it every JSON column is a few bytes; with it a context is about 800 bytes
     * (app, library, user agent, locale, screen, page, session, timezone and {@code traits}, merged under the
     * generated context) and the payload, the whole event, about 1,300.
     */
    private static final String SDK_EVENTS = """
            insert into rudder.events
            select message_id, type, event, anonymous_id, user_id, sent_at, "timestamp", original_timestamp, received_at,
                sdk_context, properties, traits, '{"All": true}',
                json_merge_patch(json_object('anonymousId', anonymous_id, 'channel', 'web', 'context', sdk_context,
                    'event', event, 'integrations', json('{"All": true}'), 'messageId', message_id,
                    'originalTimestamp', "timestamp", 'properties', properties, 'traits', traits,
                    'receivedAt', received_at, 'request_ip', '203.0.113.' || (h % 250), 'rudderId', uuid(),
                    'sentAt', "timestamp", 'timestamp', "timestamp", 'type', type, 'userId', user_id), payload)
            from (select *, json_merge_patch(json_object(
                'app', json_object('build', '1.0.0', 'name', 'RudderLabs JavaScript SDK',
                    'namespace', 'com.rudderlabs.javascript', 'version', '3.11.2', 'installType', 'npm'),
                'library', json_object('name', 'RudderLabs JavaScript SDK', 'version', '3.11.2'),
                'userAgent', ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
                    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
                    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
                    'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'][1 + (h % 4)::int],
                'os', json_object('name', '', 'version', ''),
                'locale', ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES'][1 + (h % 5)::int],
                'screen', json_object('density', 2, 'width', 1728, 'height', 1117, 'innerWidth', 1728, 'innerHeight', 960),
                'page', json_object('path', '/docs/' || (h % 200), 'referrer', 'https://www.google.com/',
                    'referring_domain', 'www.google.com', 'search', '', 'title', 'Docs ' || (h % 200),
                    'url', 'https://www.example.com/docs/' || (h % 200), 'tab_url', 'https://www.example.com/docs/' || (h % 200),
                    'initial_referrer', '$direct', 'initial_referring_domain', ''),
                'sessionId', 1733000000000 + (h % 100000000),
                'timezone', 'GMT+0100',
                'traits', json_object()), coalesce(context, '{}')) as sdk_context
                from (select *, hash(message_id) as h from bench_generated.events) hashed) shaped""";

    /**
     * Loads the events of a CSV written by {@link DogfoodTraffic} that {@code rudder.events} does not have yet, as
     * received at {@code receivedAt}; with {@code -Dbench.identity.sdkEvents=true}, through a table of their own,
     * each given the SDK's share and the whole event as its payload on the way in ({@link #SDK_EVENTS}).
     */
    private void load(Workspace workspace, Path csv, String receivedAt) throws Exception {
        if (!sdkEvents) {
            execute(workspace, DogfoodTraffic.load(csv, receivedAt));
            return;
        }
        execute(workspace, "create schema if not exists bench_generated",
                "create or replace table bench_generated.events as select * from rudder.events limit 0",
                DogfoodTraffic.load(csv, receivedAt, "bench_generated.events"), SDK_EVENTS, "drop schema bench_generated cascade");
    }

    /**
     * One timed {@code +profiles} run: its wall time and process CPU time (compile and run), and each model's wall
     * time, in run order, its CPU time and rows; {@code overlapped} names the models that built while another did.
     */
    record Run(double wallSeconds, double cpuSeconds, long checkpoints, Map<String, Double> modelSeconds,
            Map<String, Double> modelCpu, java.util.Set<String> overlapped, Map<String, Long> modelRows) {
        double modelTotal() {
            return modelSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    List<String> measure() throws Exception {
        Path project = work.resolve("identity-" + events);
        deleteRecursively(project);
        Files.createDirectories(project);
        Files.writeString(project.resolve("sluice.yml"), """
                name: identity_bench
                packages: [rudder, identity, profiles]
                targets:
                  bench: {type: duckdb, path: bench.duckdb, schema: analytics, memory_limit: %s, preserve_insertion_order: %s%s}
                """.formatted(System.getProperty("bench.identity.memory", "3GB"),
                System.getProperty("bench.identity.preserveOrder", "false"),
                System.getProperty("bench.identity.disabledCompression", "").isBlank() ? ""
                        : ", disabled_compression_methods: '" + System.getProperty("bench.identity.disabledCompression")
                                + "'"));
        try (Workspace workspace = Workspace.open(project, "bench")) {
            execute(workspace, "create schema if not exists rudder", "create table rudder.events (message_id varchar"
                    + " not null, type varchar not null, event varchar, anonymous_id varchar, user_id varchar, sent_at"
                    + " timestamptz, \"timestamp\" timestamptz, original_timestamp timestamptz, received_at timestamptz"
                    + " not null, context json, properties json, traits json, integrations json, payload json not null)");
            Path csv = project.resolve("events.csv");
            long started = System.nanoTime();
            int written = new DogfoodTraffic(1).write(csv, events);
            load(workspace, csv, "received_at");
            Files.delete(csv);
            System.out.printf("identity: %,d events generated and loaded in %.1f s%n", written, since(started));

            Run full = run(workspace, "full build", false);
            List<Run> increments = new ArrayList<>();
            int total = written;
            for (int increment = 1; increment <= Integer.getInteger("bench.identity.increments", 1); increment++) {
                // The same seed asked for 1% more each time: the events so far, then new ones after them.
                Path more = project.resolve("more.csv");
                int before = total;
                total = new DogfoodTraffic(1).write(more, events + increment * (events / 100));
                load(workspace, more, "(select max(received_at) from rudder.events) + interval 1 hour");
                Files.delete(more);
                System.out.printf("identity: %,d events added, received an hour after the latest%n", total - before);
                if (increment == 1 && Boolean.getBoolean("bench.identity.snapshot")) {
                    snapshot(workspace, project);
                }
                increments.add(run(workspace, increment == 1 ? "+1% events" : "+1% events, again (" + increment + ")", false));
            }
            Run none = run(workspace, "no new events", false);

            execute(workspace, "create schema if not exists bench_check",
                    "create or replace table bench_check.profiles as select * from analytics.profiles",
                    "create or replace table bench_check.events as select message_id, sluice_id from analytics.identity_events");
            Run refreshed = run(workspace, "full refresh after +1%", true);
            List<String> columns = strings(workspace, "select column_name from information_schema.columns where"
                    + " table_schema = 'analytics' and table_name = 'profiles' and column_name <> 'sluice_updated_at'"
                    + " order by ordinal_position");
            String list = columns.stream().map(column -> '"' + column + '"').collect(Collectors.joining(", "));
            long profileDifferences = differences(workspace, "select " + list + " from bench_check.profiles",
                    "select " + list + " from analytics.profiles");
            long eventDifferences = differences(workspace, "select message_id, sluice_id from bench_check.events",
                    "select message_id, sluice_id from analytics.identity_events");
            String people = strings(workspace, "select count(*) from analytics.profiles").get(0);
            execute(workspace, "drop schema bench_check cascade");
            return report(written, total - written, people, full, increments, none, refreshed, profileDifferences,
                    eventDifferences);
        }
    }

    /**
     * With {@code -Dbench.identity.snapshot=true}: the graph models' +1% run ({@code +id_graph}), then a copy of the
     * database as {@code identity_events}' incremental statement finds it ({@code plus-one.duckdb} beside the
     * project), to profile that statement on its own. The +1% run then skips the graph models (their inputs did not
     * change since), so their +1% times are not measured in this mode.
     */
    private void snapshot(Workspace workspace, Path project) throws Exception {
        run(workspace, "+1% events, graph models only", false, "+id_graph");
        execute(workspace, "checkpoint");
        Path copy = project.resolveSibling(project.getFileName() + "-plus-one.duckdb");
        Files.copy(project.resolve("bench.duckdb"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("identity: the database before identity_events' +1%% run copied to %s%n", copy);
    }

    /**
     * The per-model table: the full build, each +1% run, the run with no new events and the full refresh. The +1%
     * goal is judged on the median of the +1% runs' models together (the machine is shared: one run can be slow).
     */
    private List<String> report(int written, int added, String people, Run full, List<Run> increments, Run none,
            Run refreshed, long profileDifferences, long eventDifferences) {
        List<Run> runs = new ArrayList<>();
        runs.add(full);
        runs.addAll(increments);
        runs.add(none);
        runs.add(refreshed);
        List<String> titles = new ArrayList<>(List.of("full build"));
        for (int increment = 1; increment <= increments.size(); increment++) {
            titles.add(increment == 1 ? "+1% events" : "+1% again (" + increment + ")");
        }
        titles.addAll(List.of("no new events", "full refresh after the increments"));
        List<String> report = new ArrayList<>();
        report.add("| model (%,d events, +%,d): wall / process CPU (rows) | %s |".formatted(written, added,
                String.join(" | ", titles)));
        report.add("|---|" + "---|".repeat(runs.size()));
        for (String model : full.modelSeconds().keySet()) {
            report.add("| `%s` | %s |".formatted(model, runs.stream().map(run -> cell(run, model))
                    .collect(Collectors.joining(" | "))));
        }
        report.add(row("models together", runs, run -> "%.2f s".formatted(run.modelTotal())));
        report.add(row("`Workspace.run` of `+profiles` (compile included)", runs,
                run -> "%.2f s".formatted(run.wallSeconds())));
        report.add(row("process CPU of the run (compile included)", runs, run -> "%.2f s".formatted(run.cpuSeconds())));
        report.add(row("checkpoints DuckDB made during the run", runs, run -> String.valueOf(run.checkpoints())));
        report.add(row("ratio to the full build's wall", runs,
                run -> "%.3f".formatted(run.wallSeconds() / full.wallSeconds())));
        report.add("");
        report.add("CPU is the process's (DuckDB's threads and the engine's) while the model built; * marks a model"
                + " that built while another did, whose CPU counts in both.");
        report.add(sdkEvents
                ? "Events: with the SDK's context (about 800 bytes) and the whole event as payload (about 1,300 bytes)."
                : "Events: as generated (the fields the models read; most JSON columns a few bytes).");
        List<Double> plusOne = increments.stream().map(Run::modelTotal).sorted().toList();
        double median = plusOne.get(plusOne.size() / 2);
        if (events >= 10_000_000) {
            report.add(("Goals (10M events, models together): +1%% events < 5 s: %s (%.2f s%s); no new events < 1 s: %s"
                    + " (%.2f s); full build < 30 s: %s (%.2f s).").formatted(met(median < 5), median,
                    plusOne.size() > 1 ? ", the median of " + plusOne.size() + " runs" : "", met(none.modelTotal() < 1),
                    none.modelTotal(), met(full.modelTotal() < 30), full.modelTotal()));
        } else {
            report.add("The goals are set for 10,000,000 events; at %,d they are not judged.".formatted(events));
        }
        report.add("Incremental against the full refresh: %s profiles; %,d profile rows and %,d event labels differ (%s)."
                .formatted(people, profileDifferences, eventDifferences,
                        profileDifferences == 0 && eventDifferences == 0 ? "equal" : "NOT EQUAL"));
        return report;
    }

    private static String row(String title, List<Run> runs, java.util.function.Function<Run, String> cell) {
        return "| " + title + " | " + runs.stream().map(cell).collect(Collectors.joining(" | ")) + " |";
    }

    private static String cell(Run run, String model) {
        Double seconds = run.modelSeconds().get(model);
        Long rows = run.modelRows().get(model);
        Double cpu = run.modelCpu().get(model);
        if (seconds == null) {
            return "";
        }
        return "%.2f s / %s%s (%,d)".formatted(seconds, cpu == null ? "-" : "%.2f s".formatted(cpu),
                run.overlapped().contains(model) ? "*" : "", rows == null ? 0 : rows);
    }

    private static String met(boolean met) {
        return met ? "met" : "missed";
    }

    private Run run(Workspace workspace, String what, boolean fullRefresh) throws IOException, InterruptedException {
        return run(workspace, what, fullRefresh, "+profiles");
    }

    private Run run(Workspace workspace, String what, boolean fullRefresh, String selector)
            throws IOException, InterruptedException {
        if (statementLog != null) {
            execute(workspace, "set enable_logging = true", "set logging_level = 'debug'",
                    "set logging_mode = 'enable_selected'", "set enabled_log_types = 'QueryLog,Checkpoint'",
                    "call truncate_duckdb_logs()");
        }
        long checkpointsBefore = checkpoints(database);
        long started = System.nanoTime();
        double startedCpu = ProcessCpu.millis();
        ModelCpu modelCpu = new ModelCpu();
        RunResult result = workspace.run(new RunOptions(List.of(selector), List.of(), 2, fullRefresh), modelCpu);
        double wall = since(started);
        double cpu = (ProcessCpu.millis() - startedCpu) / 1e3;
        long checkpoints = checkpoints(database) - checkpointsBefore;
        if (statementLog != null) {
            Files.createDirectories(statementLog);
            Path csv = statementLog.resolve(what.replace("+", "plus ").replace("%", " pct").replaceAll("[^A-Za-z0-9]+", "-")
                    .replaceAll("^-|-$", "") + ".csv");
            execute(workspace, "copy (select timestamp, connection_id, type, message from duckdb_logs order by timestamp)"
                    + " to '" + csv.toString().replace("'", "''") + "' (header)", "set enable_logging = false");
            System.out.printf("identity: %s: DuckDB's statement and checkpoint log written to %s%n", what, csv);
        }
        if (result.failed()) {
            throw new IllegalStateException(what + " failed: " + result);
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (ModelRunResult model : result.models()) {
            seconds.put(model.model(), Duration.between(model.started(), model.ended()).toNanos() / 1e9);
            rows.put(model.model(), model.rows());
            Double modelCpuSeconds = modelCpu.seconds().get(model.model());
            System.out.printf("identity: %-22s %-26s %7.2f s %7.2f s CPU%s %,12d rows%n", what, model.model(),
                    seconds.get(model.model()), modelCpuSeconds == null ? Double.NaN : modelCpuSeconds,
                    modelCpu.overlapped().contains(model.model()) ? "*" : " ", model.rows() == null ? 0 : model.rows());
        }
        System.out.printf("identity: %s, Workspace.run of %s: %.2f s, %.2f s CPU, %d checkpoint(s)%n", what, selector,
                wall, cpu, checkpoints);
        return new Run(wall, cpu, checkpoints, seconds, modelCpu.seconds(), modelCpu.overlapped(), rows);
    }

    /** Rows in one query but not the other, both ways, duplicates counted. */
    private static long differences(Workspace workspace, String left, String right) {
        return Long.parseLong(strings(workspace, "select (select count(*) from (" + left + " except all " + right
                + ")) + (select count(*) from (" + right + " except all " + left + "))").get(0));
    }

    private static void execute(Workspace workspace, String... statements) {
        try (WarehouseSession session = workspace.warehouse().openSession()) {
            for (String statement : statements) {
                session.execute(statement);
            }
        }
    }

    private static List<String> strings(Workspace workspace, String query) {
        try (WarehouseSession session = workspace.warehouse().openSession(); WarehouseCursor cursor = session.query(query)) {
            List<String> values = new ArrayList<>();
            while (cursor.next()) {
                values.add(String.valueOf(cursor.get(0)));
            }
            return values;
        }
    }

    /**
     * DuckDB's checkpoint counter: the larger iteration of the file's two database headers (4 KiB each, after the
     * main header; each starts with a checksum, then the iteration), which a checkpoint writes in turn.
     */
    static long checkpoints(Path database) throws IOException {
        try (var file = java.nio.channels.FileChannel.open(database)) {
            java.nio.ByteBuffer headers = java.nio.ByteBuffer.allocate(3 * 4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (headers.hasRemaining() && file.read(headers) >= 0) {
                // read the three headers whole
            }
            return Math.max(headers.getLong(4096 + 8), headers.getLong(2 * 4096 + 8));
        }
    }

    private static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
