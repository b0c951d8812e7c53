package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.datatest.DataTestResult;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.engine.sample.DogfoodTraffic;
import dev.sluice.server.CollectorService;
import dev.sluice.server.Http;
import dev.sluice.server.StrictHook;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.EventSource;
import dev.sluice.snowflake.fake.FakeSnowflake;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both samples and the standard packages end to end on a {@code type: snowflake} target, through the official
 * driver against the fake: seeds, every model (DuckDB-authored, translated), the data tests, a collector on a free
 * port loading posted events into the fake, and a sync reading a model and keeping its state in the fake.
 */
class SnowflakeSamplesTest {
    private static final String WRITE_KEY = "dogfood-web-key";
    /**
     * Dogfood models that do not run on Snowflake yet, with why; each one's descendants are skipped. A model
     * listed here that runs, or one not listed that fails, fails the test.
     */
    static final Map<String, String> KNOWN_FAILURES = Map.of();

    private final FakeSnowflake fake = FakeSnowflake.start();
    @TempDir
    Path directory;

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void theQuickstartSeedsRunsTestsAndSyncsOnSnowflake() throws Exception {
        Path project = directory.resolve("quickstart");
        Samples.copy(Samples.QUICKSTART, project);
        addTarget(project);
        try (Workspace workspace = Workspace.open(project, "prod")) {
            workspace.seed();
            RunResult run = workspace.run(RunOptions.all(), RunListener.NONE);
            assertThat(notSucceeded(run)).as("models that did not build").isEmpty();
            RunResult tests = workspace.test(List.of(), List.of(), RunListener.NONE);
            assertThat(tests.tests()).isNotEmpty();
            assertThat(tests.tests()).filteredOn(DataTestResult::failsRun)
                    .extracting(result -> result.test().name() + ": " + result.message()).isEmpty();
        }
        try (StrictHook hook = new StrictHook(Set.of())) {
            hook.writeSync(project, "customers_hook");
            Cli first = Cli.run("sync", "customers_hook", "--project", project.toString(), "--target", "prod");
            assertThat(first.exitCode()).as(first.toString()).isZero();
            int sent = hook.stored().size();
            assertThat(sent).isEqualTo(count("select count(*) from ANALYTICS.CUSTOMERS"));
            Cli again = Cli.run("sync", "customers_hook", "--project", project.toString(), "--target", "prod");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(hook.stored()).as("nothing changed: the sync state kept in Snowflake says so").hasSize(sent);
        }
        assertThat(fake.protocolErrors()).isEmpty();
    }

    @Test
    void dogfoodLoadsPostedEventsThenRunsEveryModelOfTheStandardPackages() throws Exception {
        Path project = directory.resolve("dogfood");
        Samples.copy(Path.of("..", "samples", "dogfood"), project);
        addTarget(project);
        try (Workspace workspace = Workspace.open(project, "prod")) {
            CollectorConfig config = new CollectorConfig(0, List.of(new EventSource("web", WRITE_KEY, "rudder",
                    List.of())), CollectorLimits.DEFAULTS, directory.resolve("spool"), Duration.ofHours(1));
            int posted;
            try (CollectorService collector = CollectorService.start(workspace.warehouse(), config, "127.0.0.1",
                    Clock.systemUTC())) {
                posted = post(new Http(collector.port()), 2_000);
                collector.loadNow();
            }
            assertThat(count("select count(*) from RUDDER.EVENTS")).isEqualTo(posted);
            workspace.seed();
            RunResult run = workspace.run(RunOptions.all(), RunListener.NONE);
            Map<String, String> failed = notSucceeded(run);
            failed.forEach((model, why) -> System.out.println("dogfood on Snowflake: " + model + ": " + why));
            System.out.printf("dogfood on Snowflake: %d of %d models built%n", run.models().size() - failed.size(),
                    run.models().size());
            Set<String> skipped = run.models().stream().filter(m -> m.status() == ModelRunResult.Status.SKIPPED)
                    .map(ModelRunResult::model).collect(Collectors.toSet());
            Map<String, String> errors = new TreeMap<>(failed);
            errors.keySet().removeAll(skipped);
            assertThat(errors.keySet()).as("models that fail on Snowflake").isEqualTo(KNOWN_FAILURES.keySet());
            RunResult again = workspace.run(RunOptions.all(), RunListener.NONE);
            assertThat(notSucceeded(again)).as("models that did not build in a second run (incremental ones add"
                    + " to their tables)").isEmpty();
            Set<String> built = run.models().stream().filter(m -> m.status() == ModelRunResult.Status.SUCCESS)
                    .map(ModelRunResult::model).collect(Collectors.toSet());
            RunResult tests = workspace.test(List.of(), List.of(), RunListener.NONE);
            assertThat(tests.tests()).as("data tests of the models that built")
                    .filteredOn(result -> built.containsAll(result.test().models()))
                    .filteredOn(DataTestResult::failsRun)
                    .extracting(result -> result.test().name() + ": " + result.message()).isEmpty();
        }
        assertThat(fake.protocolErrors()).isEmpty();
    }

    /** Posts the generated traffic to the collector in batches of 100; returns how many events. */
    private static int post(Http http, int events) throws IOException {
        StringWriter lines = new StringWriter();
        new DogfoodTraffic(42).writeNdjson(lines, events);
        List<String> all = lines.toString().lines().toList();
        for (int first = 0; first < all.size(); first += 100) {
            String batch = "{\"batch\":[" + String.join(",", all.subList(first, Math.min(all.size(), first + 100)))
                    + "]}";
            Http.Response response = http.post("/v1/batch", WRITE_KEY, batch);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        return all.size();
    }

    private static Map<String, String> notSucceeded(RunResult run) {
        Map<String, String> failed = new TreeMap<>();
        run.models().stream().filter(model -> model.status() != ModelRunResult.Status.SUCCESS)
                .forEach(model -> failed.put(model.model(), model.status() + ": " + model.error()));
        return failed;
    }

    /** Adds a {@code prod} target pointing at the fake to the project's {@code sluice.yml}. */
    private void addTarget(Path project) throws IOException {
        StringBuilder target = new StringBuilder("targets:\n  prod:\n");
        Map<String, String> settings = new java.util.LinkedHashMap<>(fake.targetSettings());
        settings.put("password", "secret");
        settings.put("schema", "analytics");
        settings.forEach((key, value) -> target.append("    ").append(key).append(": \"").append(value).append("\"\n"));
        Path yml = project.resolve("sluice.yml");
        Files.writeString(yml, Files.readString(yml).replaceFirst("(?m)^targets:\n", target.toString()));
    }

    private long count(String duckDbSql) throws SQLException {
        try (Connection connection = fake.duckDb(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(duckDbSql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
