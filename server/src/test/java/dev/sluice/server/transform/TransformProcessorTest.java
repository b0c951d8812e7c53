package dev.sluice.server.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.CollectorService;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.CollectorListener;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventJson;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.RequestInfo;
import dev.sluice.server.collect.SourceTransformer;
import dev.sluice.server.collect.TransformProcessor;
import dev.sluice.server.load.LoadListener;
import dev.sluice.server.spool.Spool;
import dev.sluice.server.spool.SpoolRecord;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source transformations run after the collector answered, off the request path: a request spooled but not
 * yet transformed when the process dies is transformed after the restart, exactly once in the warehouse; a
 * request whose transformed record reached the disk is not transformed again; a user's events keep their order.
 */
class TransformProcessorTest {
    static final EventSource WEB = new EventSource("web", "web-key", "rudder", List.of("tag_plan"));

    @TempDir
    Path directory;
    Transformations transformations;
    CollectorConfig config;

    @BeforeEach
    void project() throws Exception {
        Path folder = Files.createDirectories(directory.resolve("project/transformations"));
        Files.writeString(folder.resolve("tag_plan.js"), """
                export function transformEvent(event) {
                  if (event.properties.plan === 'broken') {
                    throw new Error('unknown plan');
                  }
                  event.properties.plan_upper = event.properties.plan.toUpperCase();
                  return event;
                }
                """);
        config = new CollectorConfig(0, List.of(WEB), CollectorLimits.DEFAULTS, directory.resolve("spool"),
                Duration.ofHours(1));
    }

    private Transformations load() throws Exception {
        TransformationSettings patient = new TransformationSettings(Duration.ofSeconds(60),
                TransformationSettings.DEFAULT_STATEMENT_LIMIT, java.util.Set.of());
        return new Transformations(TransformationFiles.read(directory.resolve("project")), Map.of("tag_plan", patient),
                Clock.systemUTC());
    }

    private Warehouse warehouse() {
        return Warehouses.open("duckdb", Map.of("path", directory.resolve("w.duckdb").toString()));
    }

    private static void ingest(EventIngestor ingestor, String... planById) {
        StringBuilder batch = new StringBuilder("{\"batch\": [");
        for (int index = 0; index < planById.length; index += 2) {
            batch.append(index == 0 ? "" : ",").append("{\"type\": \"track\", \"userId\": \"u\", \"event\": \"E\",")
                    .append(" \"messageId\": \"").append(planById[index]).append("\", \"properties\": {\"plan\": \"")
                    .append(planById[index + 1]).append("\"}}");
        }
        ingestor.ingest(WEB, null, EventIngestor.parse(batch.append("]}").toString().getBytes(StandardCharsets.UTF_8)),
                new RequestInfo("127.0.0.1", Instant.now(), null));
    }

    @Test
    void aRequestAcknowledgedButNotTransformedWhenTheProcessDiedIsTransformedOnceAfterTheRestart() throws Exception {
        // The collector spooled two requests and answered them; the process died before transforming them.
        try (Transformations first = load()) {
            Spool spool = Spool.open(config.spoolDirectory(), Spool.DEFAULT_SEGMENT_BYTES);
            TransformProcessor processor = TransformProcessor.open(spool,
                    new SourceTransformations(config.sources(), first), 2);
            EventIngestor ingestor = new EventIngestor(CollectorLimits.DEFAULTS, spool, () -> 0, processor);
            ingest(ingestor, "a", "pro", "b", "broken");
            ingest(ingestor, "c", "team");
            processor.close(); // never started: nothing transformed
            spool.close();
            assertThat(first.stats().get("tag_plan").received()).isZero();
        }

        try (Warehouse warehouse = warehouse(); Transformations second = load()) {
            try (CollectorService collector = start(warehouse, second)) {
                assertThat(collector.untransformedBytes()).as("transformed before the collector listens").isZero();
            }
            assertThat(second.stats().get("tag_plan").received()).isEqualTo(3);
            assertThat(rows(warehouse, "select message_id, properties->>'plan_upper' from rudder.events order by 1"))
                    .containsExactly(List.of("a", "PRO"), List.of("c", "TEAM"));
            assertThat(rows(warehouse, "select message_id, outcome, error_kind, event::json->'properties'->>'plan'"
                    + " from sluice.transformation_failures")).containsExactly(List.of("b", "failed", "threw", "broken"));
        }

        // A second restart transforms nothing again and loads nothing twice.
        try (Warehouse warehouse = warehouse(); Transformations third = load()) {
            start(warehouse, third).close();
            assertThat(third.stats().get("tag_plan").received()).isZero();
            assertThat(rows(warehouse, "select count(*) from rudder.events")).containsExactly(List.of(2L));
            assertThat(rows(warehouse, "select count(*) from sluice.transformation_failures")).containsExactly(List.of(1L));
        }
    }

    @Test
    void aRequestWhoseTransformedRecordReachedTheDiskIsNotTransformedAgainWhenThePositionWasNotSaved() throws Exception {
        Path position = config.spoolDirectory().resolve(TransformProcessor.INTAKE_FOLDER).resolve("transformed.position");
        byte[] before;
        try (Transformations first = load()) {
            Spool spool = Spool.open(config.spoolDirectory(), Spool.DEFAULT_SEGMENT_BYTES);
            TransformProcessor processor = TransformProcessor.open(spool,
                    new SourceTransformations(config.sources(), first), 2);
            EventIngestor ingestor = new EventIngestor(CollectorLimits.DEFAULTS, spool, () -> 0, processor);
            ingest(ingestor, "x", "pro");
            processor.start();
            assertThat(processor.awaitTransformed(Duration.ofMinutes(1))).isTrue();
            before = Files.readAllBytes(position);
            ingest(ingestor, "y", "broken", "z", "team");
            assertThat(processor.awaitTransformed(Duration.ofMinutes(1))).isTrue();
            processor.close();
            spool.close();
            assertThat(first.stats().get("tag_plan").received()).isEqualTo(3);
        }
        // As if the process died after the second request's transformed record was on disk, before its position was.
        Files.write(position, before);

        try (Warehouse warehouse = warehouse(); Transformations second = load()) {
            start(warehouse, second).close();
            assertThat(second.stats().get("tag_plan").received()).as("nothing transformed twice").isZero();
            assertThat(rows(warehouse, "select message_id, properties->>'plan_upper' from rudder.events order by 1"))
                    .containsExactly(List.of("x", "PRO"), List.of("z", "TEAM"));
            assertThat(rows(warehouse, "select message_id from sluice.transformation_failures"))
                    .containsExactly(List.of("y"));
        }
    }

    @Test
    void requestsTransformedOnSeveralThreadsReachTheSpoolInTheOrderTheyWereReceived() throws Exception {
        Random random = new Random(7);
        SourceTransformer slowAndUneven = new SourceTransformer() {
            @Override
            public boolean transforms(String source) {
                return true;
            }

            @Override
            public boolean transformsAny() {
                return true;
            }

            @Override
            public Transformed transform(String source, List<byte[]> events, List<String> messageIds) {
                try {
                    Thread.sleep(random.nextInt(5)); // later requests often finish first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                List<byte[]> tagged = new ArrayList<>();
                for (byte[] event : events) {
                    tagged.add(("{\"tagged\":true," + new String(event, 1, event.length - 1, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
                }
                return new Transformed(tagged, List.of());
            }
        };
        Spool spool = Spool.open(config.spoolDirectory(), Spool.DEFAULT_SEGMENT_BYTES);
        TransformProcessor processor = TransformProcessor.open(spool, slowAndUneven, 4);
        EventIngestor ingestor = new EventIngestor(CollectorLimits.DEFAULTS, spool, () -> 0, processor);
        processor.start();
        Map<String, List<String>> sent = new LinkedHashMap<>();
        for (int request = 0; request < 200; request++) {
            String user = "u" + (request % 5);
            String id = user + "-" + request;
            sent.computeIfAbsent(user, key -> new ArrayList<>()).add(id);
            ingestor.ingest(WEB, null, EventIngestor.parse(("{\"batch\": [{\"type\": \"track\", \"event\": \"E\","
                    + " \"userId\": \"" + user + "\", \"messageId\": \"" + id + "\"}]}").getBytes(StandardCharsets.UTF_8)),
                    new RequestInfo("127.0.0.1", Instant.now(), null));
        }
        assertThat(processor.awaitTransformed(Duration.ofMinutes(1))).isTrue();
        processor.close();

        Map<String, List<String>> spooled = new LinkedHashMap<>();
        for (SpoolRecord record : spool.read(0, Long.MAX_VALUE)) {
            for (JsonNode event : EventJson.records().readTree(record.payload()).path(EventIngestor.RECORD_EVENTS)) {
                assertThat(event.path("tagged").asBoolean()).isTrue();
                spooled.computeIfAbsent(event.path("userId").asText(), key -> new ArrayList<>())
                        .add(event.path("messageId").asText());
            }
        }
        spool.close();
        assertThat(spooled).isEqualTo(sent);
    }

    private CollectorService start(Warehouse warehouse, Transformations loaded) {
        return CollectorService.start(warehouse, config, "127.0.0.1", Clock.systemUTC(), List.of(),
                CollectorListener.NONE, LoadListener.NONE, new SourceTransformations(config.sources(), loaded));
    }

    private static List<List<Object>> rows(Warehouse warehouse, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (WarehouseSession session = warehouse.openSession(); WarehouseCursor cursor = session.query(sql)) {
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (int index = 0; index < cursor.columns().size(); index++) {
                    row.add(cursor.get(index));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
