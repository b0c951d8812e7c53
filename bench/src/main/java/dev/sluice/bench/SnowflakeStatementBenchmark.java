package dev.sluice.bench;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.server.load.EventLoader;
import dev.sluice.server.load.LoadResult;
import dev.sluice.server.spool.Spool;
import dev.sluice.snowflake.fake.FakeSnowflake;
import dev.sluice.snowflake.fake.RecordedStatement;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.Warehouses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What Sluice sends Snowflake, counted against the fake's statement log ({@link FakeSnowflake}): the dogfood
 * sample's seeds, 5,000 generated events and its models (translated from DuckDB's dialect) run twice, and the statements of the second run
 * are counted per model by their query tag and by materialization; then a spool of {@code events} events is
 * loaded by the collector's loader and its PUT, COPY and INSERT statements counted per load. Counts, not
 * times: the fake answers in milliseconds what Snowflake answers in tens to hundreds.
 */
final class SnowflakeStatementBenchmark {
    private static final String CATALOG_QUERY = "select c.table_name";
    private final Path root;
    private final Path work;
    private final int events;

    SnowflakeStatementBenchmark(Path root, Path work, int events) {
        this.root = root;
        this.work = work;
        this.events = events;
    }

    List<String> run() throws Exception {
        List<String> report = new ArrayList<>();
        try (FakeSnowflake fake = FakeSnowflake.start()) {
            report.addAll(models(fake));
            report.add("");
            report.addAll(load(fake));
        }
        return report;
    }

    private List<String> models(FakeSnowflake fake) throws Exception {
        Path project = work.resolve("snowflake-dogfood");
        deleteTree(project);
        copyTree(root.resolve("samples/dogfood"), project);
        String yml = Files.readString(project.resolve("sluice.yml"));
        StringBuilder target = new StringBuilder("targets:\n  fake:\n");
        targetSettings(fake).forEach((key, value) -> target.append("    ").append(key).append(": \"").append(value)
                .append("\"\n"));
        Files.writeString(project.resolve("sluice.yml"), yml.replaceFirst("(?m)^targets:\n", target.toString()));
        List<String> report = new ArrayList<>();
        try (Workspace workspace = Workspace.open(project, "fake")) {
            workspace.seed();
            // The packages' event models read rudder.events: 5,000 generated events, as the collector lands them.
            java.io.StringWriter lines = new java.io.StringWriter();
            new dev.sluice.engine.sample.DogfoodTraffic(42).writeNdjson(lines, 5_000);
            try (dev.sluice.server.load.EventAppender appender = new dev.sluice.server.load.EventAppender(
                    workspace.warehouse(), "rudder", Instant.parse("2026-11-30T00:00:00Z"))) {
                lines.toString().lines().forEach(appender::add);
            }
            RunResult first = workspace.run(new RunOptions(List.of(), List.of(), 1, false), RunListener.NONE);
            fake.clearRecording();
            RunResult second = workspace.run(new RunOptions(List.of(), List.of(), 1, false), RunListener.NONE);
            Map<String, List<String>> byModel = new HashMap<>();
            long catalog = 0;
            long untagged = 0;
            for (RecordedStatement statement : fake.statements()) {
                String model = model(statement.queryTag());
                if (statement.sql().startsWith(CATALOG_QUERY)) {
                    catalog++;
                }
                if (model == null) {
                    untagged++;
                } else {
                    byModel.computeIfAbsent(model, key -> new ArrayList<>()).add(statement.sql());
                }
            }
            Map<String, int[]> byKind = new TreeMap<>();
            List<String> failed = new ArrayList<>();
            for (ModelRunResult result : second.models()) {
                if (result.status() != ModelRunResult.Status.SUCCESS) {
                    failed.add(result.model() + " (" + result.status().name().toLowerCase(Locale.ROOT) + ")");
                    if (result.status() == ModelRunResult.Status.ERROR) {
                        System.out.println("snowflake dogfood, second run: " + result.model() + ": " + result.error());
                    }
                    continue;
                }
                List<String> sent = byModel.getOrDefault(result.model(), List.of());
                long catalogOfModel = sent.stream().filter(sql -> sql.startsWith(CATALOG_QUERY)).count();
                int[] counts = byKind.computeIfAbsent(result.kind().name().toLowerCase(Locale.ROOT), key -> new int[4]);
                int others = (int) (sent.size() - catalogOfModel);
                counts[0]++;
                counts[1] = Math.max(counts[1], others);
                counts[2] += others;
                counts[3] += (int) catalogOfModel;
            }
            System.out.printf("snowflake dogfood: first run %d models, %d failed; second run %d statements%n",
                    first.models().size(), first.models().stream().filter(m -> m.status() != ModelRunResult.Status.SUCCESS)
                            .count(), fake.statements().size());
            report.add("| dogfood on the fake, second `sluice run` | models | statements per model, max | total | catalog queries of the models |");
            report.add("|---|---|---|---|---|");
            byKind.forEach((kind, counts) -> report.add("| %s | %d | %d | %d | %d |".formatted(kind, counts[0], counts[1],
                    counts[2], counts[3])));
            report.add("");
            report.add("Catalog queries in the run: %d; statements without a model tag (run history, schemas): %d."
                    .formatted(catalog, untagged));
            report.add("Models that did not succeed: " + (failed.isEmpty() ? "none" : String.join(", ", failed)));
        }
        return report;
    }

    private List<String> load(FakeSnowflake fake) throws Exception {
        Path spoolDirectory = work.resolve("snowflake-load-spool");
        deleteTree(spoolDirectory);
        List<String> report = new ArrayList<>();
        Map<String, String> settings = targetSettings(fake);
        settings.remove("type");
        try (Spool spool = Spool.open(spoolDirectory, Spool.DEFAULT_SEGMENT_BYTES);
                Warehouse warehouse = Warehouses.open("snowflake", settings)) {
            SpooledTracks.spool(spool, events);
            EventLoader loader = EventLoader.open(warehouse, spool, Set.of("rudder"), Clock.systemUTC());
            fake.clearRecording();
            long start = System.nanoTime();
            long inserted = 0;
            for (LoadResult result = loader.loadAvailable(); result.events() > 0; result = loader.loadAvailable()) {
                inserted += result.inserted();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> sent = fake.sql();
            long loads = sent.stream().filter(sql -> sql.equals("begin")).count();
            long puts = sent.stream().filter(sql -> sql.startsWith("put ")).count();
            long copies = sent.stream().filter(sql -> sql.startsWith("copy into ")).count();
            long inserts = sent.stream().filter(sql -> sql.toLowerCase(Locale.ROOT).startsWith("insert into rudder.events"))
                    .count();
            report.add("| %,d events loaded by the collector's loader into the fake | loads (transactions) | PUT | COPY |"
                    .formatted(events) + " INSERT into events | all statements | events inserted | seconds (fake) |");
            report.add("|---|---|---|---|---|---|---|---|");
            report.add("| | %d | %d | %d | %d | %d | %,d | %.1f |".formatted(loads, puts, copies, inserts, sent.size(),
                    inserted, seconds));
        }
        return report;
    }

    private static Map<String, String> targetSettings(FakeSnowflake fake) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(fake.targetSettings());
        settings.put("password", "secret");
        settings.put("schema", "analytics");
        return settings;
    }

    /** The model of a query tag ({@code {"tool":"sluice",...,"model":"x",...}}), or {@code null}. */
    private static String model(String tag) {
        if (tag == null) {
            return null;
        }
        int at = tag.indexOf("\"model\":\"");
        return at < 0 ? null : tag.substring(at + 9, tag.indexOf('"', at + 9));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.toString().contains("/target/")) {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
