package dev.sluice.bench;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.engine.sample.DogfoodTraffic;
import dev.sluice.server.load.EventAppender;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dogfood sample over {@code events} generated events, run on DuckDB and, translated, on PostgreSQL: each
 * model's build time side by side. Each warehouse gets the same events ({@link DogfoodTraffic}, one seed, loaded
 * as {@code sluice sample generate} loads them), the seeds, then one full run with one worker, so a model's time
 * is its own. A model PostgreSQL does not run (refused by the translation, or downstream of one) is shown so.
 *
 * <p>Needs a server: {@code SLUICE_TEST_POSTGRES_URL}, a JDBC URL whose user may create databases.
 */
final class DogfoodTimings {
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-30T00:00:00Z");

    private final Path root;
    private final Path work;
    private final int events;

    DogfoodTimings(Path root, Path work, int events) {
        this.root = root;
        this.work = work;
        this.events = events;
    }

    List<String> measure() throws Exception {
        String admin = System.getenv("SLUICE_TEST_POSTGRES_URL");
        if (admin == null || admin.isBlank()) {
            throw new IllegalStateException("set SLUICE_TEST_POSTGRES_URL to a PostgreSQL server whose user may create"
                    + " databases, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=sluice");
        }
        String database = "sluice_bench_dogfood_" + ProcessHandle.current().pid();
        execute(admin, "create database " + database);
        try {
            Path project = copy(admin.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database));
            Map<String, ModelRunResult> duckdb = run(project, "bench_duckdb");
            Map<String, ModelRunResult> postgres = run(project, "bench_postgres");
            List<String> report = new ArrayList<>();
            report.add("| model (%,d events) | kind | DuckDB | PostgreSQL | PostgreSQL / DuckDB |".formatted(events));
            report.add("|---|---|---|---|---|");
            double duckdbTotal = 0;
            double postgresTotal = 0;
            for (ModelRunResult model : duckdb.values()) {
                ModelRunResult other = postgres.get(model.model());
                double duck = seconds(model);
                duckdbTotal += duck;
                String pg;
                String ratio;
                if (other != null && other.status() == ModelRunResult.Status.SUCCESS) {
                    double seconds = seconds(other);
                    postgresTotal += seconds;
                    pg = "%.2f s".formatted(seconds);
                    ratio = "%.2fx".formatted(seconds / duck);
                } else {
                    pg = other == null ? "not run" : other.status() == ModelRunResult.Status.SKIPPED ? "skipped (upstream)"
                            : "refused: " + firstLine(other.error());
                    ratio = "";
                }
                report.add("| `%s` | %s | %.2f s | %s | %s |".formatted(model.model(),
                        model.kind().name().toLowerCase(), duck, pg, ratio));
            }
            report.add("| total of the models run | | %.1f s | %.1f s | |".formatted(duckdbTotal, postgresTotal));
            return report;
        } finally {
            execute(admin, "drop database if exists " + database + " with (force)");
        }
    }

    private Map<String, ModelRunResult> run(Path project, String target) throws Exception {
        try (Workspace workspace = Workspace.open(project, target)) {
            workspace.seed();
            long started = System.nanoTime();
            try (EventAppender appender = new EventAppender(workspace.warehouse(), "rudder", RECEIVED_AT)) {
                new DogfoodTraffic(1).writeNdjson(new Lines(appender), events);
            }
            System.out.printf("dogfood timings: %,d events appended on %s in %.1f s%n", events, target,
                    (System.nanoTime() - started) / 1e9);
            RunResult run = workspace.run(new RunOptions(List.of(), List.of(), 1, false), RunListener.NONE);
            Map<String, ModelRunResult> byModel = new TreeMap<>();
            run.models().forEach(model -> byModel.put(model.model(), model));
            System.out.printf("dogfood timings: %s ran %d models, %d succeeded%n", target, byModel.size(),
                    run.count(ModelRunResult.Status.SUCCESS));
            return byModel;
        }
    }

    private static double seconds(ModelRunResult model) {
        return model.started() == null || model.ended() == null ? 0
                : Duration.between(model.started(), model.ended()).toNanos() / 1e9;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().skip(text.startsWith("did not compile") ? 1 : 0).findFirst().orElse(text).strip();
        return (line.length() > 90 ? line.substring(0, 90) + "..." : line).replace("|", "\\|");
    }

    /** The sample, with a DuckDB file and the PostgreSQL database as its two targets. */
    private Path copy(String postgresUrl) throws IOException {
        Path source = root.resolve("samples/dogfood");
        Path project = work.resolve("dogfood-timings");
        if (Files.exists(project)) {
            try (var paths = Files.walk(project)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        try (var paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = source.relativize(path);
                if (relative.startsWith("target")) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    Files.createDirectories(project.resolve(relative.toString()));
                } else {
                    Files.copy(path, project.resolve(relative.toString()));
                }
            }
        }
        Path config = project.resolve("sluice.yml");
        Files.writeString(config, Files.readString(config).replace("targets:\n", "targets:\n"
                + "  bench_duckdb:\n    type: duckdb\n    path: \"" + project.resolve("bench.duckdb") + "\"\n"
                + "    schema: analytics\n"
                + "  bench_postgres:\n    type: postgres\n    url: \"" + postgresUrl + "\"\n    schema: analytics\n"));
        return project;
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Hands each line written to it, without its newline, to the appender. */
    private static final class Lines extends Writer {
        private final EventAppender appender;
        private final StringBuilder line = new StringBuilder(512);

        Lines(EventAppender appender) {
            this.appender = appender;
        }

        @Override
        public void write(char[] characters, int offset, int length) {
            for (int index = offset; index < offset + length; index++) {
                if (characters[index] == '\n') {
                    appender.add(line.toString());
                    line.setLength(0);
                } else {
                    line.append(characters[index]);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
