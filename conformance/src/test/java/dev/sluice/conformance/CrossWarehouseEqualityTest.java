package dev.sluice.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.engine.sample.DogfoodTraffic;
import dev.sluice.postgres.PostgresTestServer;
import dev.sluice.server.load.EventAppender;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples run on DuckDB and, translated, on PostgreSQL, and every model gives the same rows on both:
 * rows are compared as sorted multisets of normalized values. Numbers are compared to 12 significant digits
 * (sums and averages of doubles may differ in the last bits by the order they were added in), whole numbers
 * exactly; points in time as instants (a local timestamp read as UTC, the zone both warehouses' sessions run in);
 * JSON as documents (key order and spacing aside). A model that
 * PostgreSQL refuses to translate is not compared (nor are the models downstream of it), and the dogfood test
 * prints them; a model that translates must run and give DuckDB's rows. Columns stamped with the time of the run
 * cannot be equal and are left out by name ({@link #RUN_TIME_COLUMNS}); a model whose rows cannot be equal is
 * named with why in {@link #KNOWN_DIFFERENCES}, and only its keys are compared.
 */
class CrossWarehouseEqualityTest {
    /**
     * {@code uuid_ts}: the rudder package's tables stamp {@code current_timestamp} when built (as RudderStack);
     * {@code labeled_at}: the identity package's tables stamp when a row was written or relabeled;
     * {@code sluice_updated_at}: profiles stamp when a row was last rebuilt.
     */
    static final Set<String> RUN_TIME_COLUMNS = Set.of("uuid_ts", "labeled_at", "sluice_updated_at");
    /**
     * Models whose translation is known to fail on PostgreSQL at run time, with why. Not compared while they fail
     * (the test prints them); compared like any other once they run.
     */
    static final Map<String, String> KNOWN_FAILURES = Map.of();
    /**
     * Models that run on both but whose rows cannot be equal, with why (their docs say it too): only their row
     * count and their first column (the key) are compared.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of();
    private static final Path SAMPLES = Path.of("..", "samples");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext DIGITS = new MathContext(12);
    /** The time every generated event was received, as the collector would stamp it. */
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-30T00:00:00Z");

    @TempDir
    Path directory;

    @Test
    void theQuickstartGivesTheSameRowsOnDuckDbAndPostgres() throws Exception {
        Path project = copy("quickstart");
        assertThat(assertSameRows(project, List.of(workspace -> {})).notRun()).as("models PostgreSQL did not run")
                .isEmpty();
    }

    /**
     * Two runs, as a collector loading every few minutes gives them: 5,000 events, then about a thousand more
     * received an hour later (visitors cut in two among them), so the incremental models' second runs (events
     * appended, people merged and relabeled, profiles rebuilt for the people touched) are compared too.
     */
    @Test
    void dogfoodOver5000GeneratedEventsThenMoreGivesTheSameRowsOnDuckDbAndPostgres() throws Exception {
        Path project = copy("dogfood");
        StringWriter lines = new StringWriter();
        new DogfoodTraffic(42).writeNdjson(lines, 6_000);
        List<String> events = lines.toString().lines().toList();
        assertThat(events).hasSizeGreaterThan(5_500);
        List<String> later = new ArrayList<>(events.subList(5_000, events.size()));
        later.addAll(mergeCalls(events.subList(0, 5_000)));
        Compared compared = assertSameRows(project, List.of(
                workspace -> append(workspace, events.subList(0, 5_000), RECEIVED_AT),
                workspace -> append(workspace, later, RECEIVED_AT.plusSeconds(3_600))));
        List<List<Object>> pairs = compared.rows().get("identity_id_pairs");
        int seenIn = pairs.get(0).indexOf("seen_in");
        assertThat(pairs.stream().skip(1).filter(pair -> String.valueOf(pair.get(seenIn)).contains("merge")).count())
                .as("pairs linked by the two merge calls, on both warehouses").isEqualTo(2);
        Map<String, String> notRun = compared.notRun();
        notRun.forEach((model, why) -> System.out.println("dogfood: " + model + " not compared: " + why));
        assertThat(notRun).as("models PostgreSQL did not run").isEmpty();
    }

    /**
     * Merge calls (RudderStack's {@code mergeProperties}, which only the payload carries) joining people of the first
     * batch: the first user id with the second, and the third with a new e-mail, so that both warehouses read the ids
     * out of the payload, link them and relabel the people.
     */
    private static List<String> mergeCalls(List<String> events) throws IOException {
        List<String> userIds = new ArrayList<>();
        for (String line : events) {
            String userId = JSON.readTree(line).path("userId").asText("");
            if (!userId.isBlank() && !userIds.contains(userId)) {
                userIds.add(userId);
            }
        }
        assertThat(userIds).hasSizeGreaterThanOrEqualTo(3);
        return List.of(merge("merge-1", "user_id", userIds.get(0), "user_id", userIds.get(1)),
                merge("merge-2", "user_id", userIds.get(2), "email", "Merged.Person@Example.com"));
    }

    private static String merge(String messageId, String typeA, String idA, String typeB, String idB) {
        var event = JSON.createObjectNode().put("type", "merge").put("messageId", messageId)
                .put("timestamp", RECEIVED_AT.plusSeconds(3_000).toString());
        var properties = event.putArray("mergeProperties");
        properties.addObject().put("type", typeA).put("value", idA);
        properties.addObject().put("type", typeB).put("value", idB);
        return event.toString();
    }

    private static void append(Workspace workspace, List<String> events, Instant receivedAt) {
        try (EventAppender appender = new EventAppender(workspace.warehouse(), "rudder", receivedAt)) {
            events.forEach(appender::add);
        }
    }

    interface Events {
        void load(Workspace workspace) throws IOException;
    }

    /**
     * What {@link #assertSameRows} compared: the models PostgreSQL did not run, with why, and the rows of every model
     * on DuckDB (its column names first, then its rows sorted), equal to PostgreSQL's for every model it ran.
     */
    record Compared(Map<String, String> notRun, Map<String, List<List<Object>>> rows) {}

    /**
     * Runs the project on both targets, once after each batch of events, and compares every model PostgreSQL ran
     * after the last run.
     *
     * @return the models PostgreSQL did not run, with why (refused by the translation, or skipped after a refused
     *     model), and DuckDB's rows. Any other failure fails the test, as does any model failing on DuckDB.
     */
    private Compared assertSameRows(Path project, List<Events> batches) throws Exception {
        Map<String, String> notRun = new TreeMap<>();
        Map<String, List<List<Object>>> duckdb = build(project, "eq_duckdb", batches, null);
        Map<String, List<List<Object>>> postgres = build(project, "eq_postgres", batches, notRun);
        System.out.printf("%s: %d of %d models compared on DuckDB and PostgreSQL%n", project.getFileName(),
                postgres.size(), duckdb.size());
        assertThat(postgres).as("models compared").isNotEmpty();
        assertThat(duckdb.keySet()).containsAll(postgres.keySet()).containsAll(notRun.keySet());
        // Every model is compared before the test fails, so one run shows every difference.
        Map<String, String> differences = new TreeMap<>();
        for (String model : postgres.keySet()) {
            List<List<Object>> expected = duckdb.get(model);
            List<List<Object>> actual = postgres.get(model);
            if (actual.size() != expected.size()) {
                differences.put(model, (actual.size() - 1) + " rows on PostgreSQL, " + (expected.size() - 1)
                        + " on DuckDB");
                continue;
            }
            if (KNOWN_DIFFERENCES.containsKey(model)) {
                System.out.println(model + ": only the keys compared: " + KNOWN_DIFFERENCES.get(model));
                if (!keys(actual).equals(keys(expected))) {
                    differences.put(model, "keys: PostgreSQL " + keys(actual) + ", DuckDB " + keys(expected));
                }
                continue;
            }
            for (int row = 0; row < expected.size(); row++) {
                if (!actual.get(row).equals(expected.get(row))) {
                    differences.put(model, (row == 0 ? "columns" : "row " + row + " of " + (expected.size() - 1)
                            + " (sorted)") + ": PostgreSQL " + actual.get(row) + ", DuckDB " + expected.get(row));
                    break;
                }
            }
        }
        assertThat(differences).as("models whose rows differ").isEmpty();
        return new Compared(notRun, duckdb);
    }

    /** The first column of each row (sorted), the column names included. */
    private static List<Object> keys(List<List<Object>> rows) {
        return rows.stream().map(row -> row.get(0)).sorted(Comparator.comparing(String::valueOf)).toList();
    }

    /**
     * Seeds, then loads each batch of events and runs every model after it, on one target; the rows of each built
     * model after the last run, normalized and sorted.
     */
    private Map<String, List<List<Object>>> build(Path project, String target, List<Events> batches,
            Map<String, String> notRun) throws Exception {
        try (Workspace workspace = Workspace.open(project, target)) {
            workspace.seed();
            for (int batch = 0; batch < batches.size(); batch++) {
                batches.get(batch).load(workspace);
                RunResult run = workspace.run(RunOptions.all(), RunListener.NONE);
                Map<String, String> failed = new TreeMap<>();
                for (ModelRunResult model : run.models()) {
                    boolean refused = model.status() == ModelRunResult.Status.ERROR && model.error() != null
                            && (model.error().startsWith("did not compile")
                                    || KNOWN_FAILURES.containsKey(model.model()));
                    if (notRun != null && (refused || model.status() == ModelRunResult.Status.SKIPPED)) {
                        notRun.put(model.model(), model.error());
                    } else if (model.status() != ModelRunResult.Status.SUCCESS) {
                        failed.put(model.model(), model.status() + ": " + model.error());
                    }
                }
                assertThat(failed).as("models that failed on %s in run %d", target, batch + 1).isEmpty();
            }
            Map<String, List<List<Object>>> rows = new TreeMap<>();
            for (CompiledModel model : workspace.compile(new CompileOptions(false, 1)).models().values()) {
                if (!model.definition().isEphemeral() && (notRun == null || !notRun.containsKey(model.name()))) {
                    rows.put(model.name(), rows(workspace, model.definition().relation()));
                }
            }
            return rows;
        }
    }

    private static List<List<Object>> rows(Workspace workspace, RelationName relation) {
        var warehouse = workspace.warehouse();
        try (WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query("select * from " + warehouse.quote(relation))) {
            List<Integer> kept = new ArrayList<>();
            for (int index = 0; index < cursor.columns().size(); index++) {
                if (!RUN_TIME_COLUMNS.contains(cursor.columns().get(index).name().toLowerCase())) {
                    kept.add(index);
                }
            }
            List<List<Object>> rows = new ArrayList<>();
            while (cursor.next()) {
                List<Object> row = new ArrayList<>(kept.size());
                for (int index : kept) {
                    row.add(normalize(cursor.get(index)));
                }
                rows.add(row);
            }
            rows.sort(Comparator.comparing(Object::toString));
            rows.add(0, kept.stream().map(index -> (Object) cursor.columns().get(index).name().toLowerCase()).toList());
            return rows;
        }
    }

    /** One value as both warehouses can agree on it; see the class comment. */
    static Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            // Whole numbers exactly; fractions (doubles, averages, ratios) to 12 significant digits.
            decimal = decimal.scale() <= 0 || decimal.stripTrailingZeros().scale() <= 0 ? decimal.setScale(0)
                    : decimal.round(DIGITS);
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof LocalDateTime time) {
            // Both warehouses' sessions run in UTC: a timestamp and a timestamptz of the same instant agree.
            return time.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof String text && (text.startsWith("{") || text.startsWith("["))) {
            try {
                return sortedKeys(JSON.readValue(text, Object.class));
            } catch (IOException notJson) {
                return text;
            }
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CrossWarehouseEqualityTest::normalize).toList();
        }
        return value.toString();
    }

    /** A JSON document with its objects' keys sorted, so equal documents print alike and sort together. */
    private static Object sortedKeys(Object document) {
        if (document instanceof Map<?, ?> object) {
            Map<String, Object> sorted = new TreeMap<>();
            object.forEach((key, value) -> sorted.put(String.valueOf(key), sortedKeys(value)));
            return sorted;
        }
        if (document instanceof List<?> list) {
            return list.stream().map(CrossWarehouseEqualityTest::sortedKeys).toList();
        }
        return document;
    }

    /** Copies a sample (without its {@code target/}) and adds the two targets compared. */
    private Path copy(String sample) throws IOException {
        Path source = SAMPLES.resolve(sample);
        Path project = directory.resolve(sample);
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
        Map<String, String> postgres = new LinkedHashMap<>(PostgresTestServer.newDatabase());
        postgres.remove("schema");
        Path config = project.resolve("sluice.yml");
        Files.writeString(config, Files.readString(config).replace("targets:\n", "targets:\n"
                + "  eq_duckdb:\n    type: duckdb\n    path: \"" + project.resolve("eq.duckdb") + "\"\n    schema: analytics\n"
                + "  eq_postgres:\n    type: postgres\n    url: \"" + postgres.get("url") + "\"\n    schema: analytics\n"));
        return project;
    }
}
