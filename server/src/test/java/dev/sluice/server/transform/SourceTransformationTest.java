package dev.sluice.server.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.CollectorService;
import dev.sluice.server.Http;
import dev.sluice.server.admin.EventSampler;
import dev.sluice.server.admin.PiiMask;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.load.LoadListener;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source's transformations run in the real collector after its requests are spooled and answered: the
 * warehouse holds what they returned, and what they dropped or failed on is in sluice.transformation_failures.
 */
class SourceTransformationTest {
    @TempDir
    Path directory;

    @Test
    void theWarehouseStoresTransformedEventsAndEveryDropOrFailureIsKept() throws Exception {
        Path transformations = Files.createDirectories(directory.resolve("project/transformations"));
        Files.createDirectories(transformations.resolve("lib"));
        Files.writeString(transformations.resolve("lib/internalEmails.js"),
                "export function isInternalEmail(email) { return /@sluice\\.dev$/.test(email || ''); }\n");
        Files.writeString(transformations.resolve("drop_internal.js"), """
                import { isInternalEmail } from "internalEmails";
                export function transformEvent(event, metadata) {
                  if (isInternalEmail(event.context && event.context.traits && event.context.traits.email)) {
                    return null;
                  }
                  return event;
                }
                """);
        Files.writeString(transformations.resolve("tag_plan.js"), """
                export function transformEvent(event) {
                  if (event.properties.plan === 'broken') {
                    throw new Error('unknown plan');
                  }
                  event.properties.plan_upper = event.properties.plan.toUpperCase();
                  return event;
                }
                """);
        // A generous time-out: the first calls run cold in the interpreter, and a loaded CI machine must not
        // turn them into time-outs (TransformationRunnerTest covers the time-out itself).
        TransformationSettings patient = new TransformationSettings(Duration.ofSeconds(60),
                TransformationSettings.DEFAULT_STATEMENT_LIMIT, java.util.Set.of());
        Transformations loaded = new Transformations(TransformationFiles.read(directory.resolve("project")),
                Map.of("drop_internal", patient, "tag_plan", patient), Clock.systemUTC());
        CollectorConfig config = new CollectorConfig(0, List.of(new EventSource("web", "web-key", "rudder",
                List.of("drop_internal", "tag_plan")), new EventSource("ios", "ios-key", "mobile")),
                CollectorLimits.DEFAULTS, directory.resolve("spool"), Duration.ofHours(1));
        try (Warehouse warehouse = Warehouses.open("duckdb", Map.of("path", directory.resolve("w.duckdb").toString()));
                loaded) {
            EventSampler live = new EventSampler(10, new PiiMask(List.of()), Clock.systemUTC());
            live.watch();
            CollectorService collector = CollectorService.start(warehouse, config, "127.0.0.1", Clock.systemUTC(),
                    List.of(), live, LoadListener.NONE, new SourceTransformations(config.sources(), loaded));
            try {
                Http http = new Http(collector.port());
                Http.Response response = http.post("/v1/batch", "web-key", """
                        {"batch": [
                          {"type": "track", "event": "Signed Up", "messageId": "keep", "userId": "u1",
                           "properties": {"plan": "pro"}, "context": {"traits": {"email": "ann@example.com"}}},
                          {"type": "track", "event": "Signed Up", "messageId": "staff", "userId": "u2",
                           "properties": {"plan": "pro"}, "context": {"traits": {"email": "bob@sluice.dev"}}},
                          {"type": "track", "event": "Signed Up", "messageId": "bad", "userId": "u3",
                           "properties": {"plan": "broken"}}
                        ]}""");
                assertThat(response.status()).as("answered before the transformations ran, whatever they do")
                        .isEqualTo(200);
                assertThat(live.newest(10)).as("live events show the events as received, not transformed")
                        .extracting(sample -> sample.event().at("/properties/plan_upper").isMissingNode())
                        .containsExactly(true, true, true);
                assertThat(http.post("/v1/track", "ios-key", """
                        {"type": "track", "event": "Opened", "messageId": "untouched", "userId": "u9",
                         "properties": {"plan": "broken"}}""").status()).isEqualTo(200);
                collector.loadNow();
            } finally {
                collector.close();
            }
            assertThat(rows(warehouse, "select message_id, properties->>'plan_upper' from rudder.events"))
                    .containsExactly(List.of("keep", "PRO"));
            assertThat(rows(warehouse, "select message_id from mobile.events")).containsExactly(List.of("untouched"));
            List<List<Object>> failures = rows(warehouse, "select message_id, source, transformation, version, outcome,"
                    + " error_kind, error, event::json->>'messageId' from sluice.transformation_failures order by message_id");
            assertThat(failures).hasSize(2);
            assertThat(failures.get(0)).startsWith("bad", "web", "tag_plan",
                    loaded.files().transformations().get("tag_plan").version(), "failed", "threw");
            assertThat((String) failures.get(0).get(6)).contains("unknown plan").contains("transformations/tag_plan.js:3");
            assertThat(failures.get(0).get(7)).isEqualTo("bad");
            assertThat(failures.get(1)).containsExactly("staff", "web", "drop_internal",
                    loaded.files().transformations().get("drop_internal").version(), "dropped", null, null, "staff");
            assertThat(loaded.stats().get("drop_internal").dropped()).isEqualTo(1);
            assertThat(loaded.stats().get("tag_plan").failed()).isEqualTo(1);
            assertThat(loaded.stats().get("tag_plan").emitted()).isEqualTo(1);
        }
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
