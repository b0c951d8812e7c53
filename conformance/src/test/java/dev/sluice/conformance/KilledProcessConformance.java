package dev.sluice.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.RequestInfo;
import dev.sluice.server.load.EventLoader;
import dev.sluice.server.spool.Spool;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A real process (a child JVM, {@link KilledChild}) killed with SIGKILL in the middle of its work on the
 * warehouse, then the work done again by a fresh process: what a crash of {@code sluice run} or of the
 * collector's loader leaves behind. Part of every connector's conformance test through
 * {@link BaseWarehouseConformanceTest}.
 */
interface KilledProcessConformance {
    /** The project of the running test, its target the warehouse under test. */
    ConformanceProject conformanceProject();

    /**
     * The statement after which a table is in its new place: the rename of a build-and-swap, or the one
     * atomic {@code create or replace} where the warehouse has it.
     */
    String SWAP = "alter table .* rename to .*|create or replace table .*";

    @Test
    default void aRunKilledDuringATableSwapLeavesTheOldOrTheNewTableWholeAndTheNextRunFinishesIt() throws Exception {
        ConformanceProject project = conformanceProject();
        String revenue = "<@config materialized=\"table\" />\nselect customer_id, sum(amount) as revenue"
                + " from ${source(\"raw\", \"orders\")} group by customer_id";
        project.file("models/revenue.sql", revenue);
        assertThat(project.run().failed()).isFalse();
        List<List<Object>> before = List.of(List.of(10L, new BigDecimal("30.00")), List.of(20L, new BigDecimal("40.00")));
        List<List<Object>> after = List.of(List.of(10L, new BigDecimal("60.00")), List.of(20L, new BigDecimal("80.00")));

        project.file("models/revenue.sql", revenue.replace("sum(amount)", "2 * sum(amount)"));
        project.release();
        String step = KilledChild.runUntilKilled(project.directory().resolve("child.log"), SWAP, "run",
                project.directory().toString());

        assertThat(step).containsIgnoringCase("revenue");
        assertThat(project.query("select customer_id, revenue from analytics.revenue order by customer_id"))
                .as("after a kill at: " + step).isIn(before, after);
        assertThat(project.run().failed()).isFalse();
        assertThat(project.query("select customer_id, revenue from analytics.revenue order by customer_id"))
                .isEqualTo(after);
        assertThat(project.query("select count(*) from information_schema.tables where lower(table_name) like '%sluice_build'"))
                .as("nothing left of the killed build").containsExactly(List.of(0L));
    }

    /**
     * The collector's loader killed at each step of a load: after the events are written (not committed),
     * and after the commit but before the spool is trimmed. Each round spools new events and again five of
     * the round before (clients retrying), and after a restart every event is there exactly once.
     */
    @Test
    default void aLoadKilledBetweenItsStepsLoadsEveryEventExactlyOnceAfterARestart() throws Exception {
        ConformanceProject project = conformanceProject();
        Path spoolDirectory = project.directory().resolve("spool");
        List<String> expected = new ArrayList<>();
        List<String> steps = List.of("append to rudder\\..*", "commit");
        for (int round = 0; round < steps.size(); round++) {
            List<String> ids = new ArrayList<>();
            for (int event = 0; event < 50; event++) {
                ids.add("r" + round + "-" + event);
            }
            List<String> retried = new ArrayList<>(ids);
            if (round > 0) {
                retried.addAll(expected.subList(expected.size() - 5, expected.size()));
            }
            expected.addAll(ids);
            project.release();
            try (Spool spool = Spool.open(spoolDirectory, Spool.DEFAULT_SEGMENT_BYTES)) {
                spool(spool, retried);
            }
            String step = KilledChild.runUntilKilled(project.directory().resolve("child-" + round + ".log"),
                    steps.get(round), "load", project.directory().toString(), spoolDirectory.toString());

            try (Spool spool = Spool.open(spoolDirectory, Spool.DEFAULT_SEGMENT_BYTES)) {
                EventLoader.open(project.workspace().warehouse(), spool, Set.of("rudder"), Clock.systemUTC())
                        .loadAvailable();
            }
            assertThat(project.query("select count(*), count(distinct message_id) from rudder.events"))
                    .as("killed after: " + step).containsExactly(List.of((long) expected.size(), (long) expected.size()));
            assertThat(project.query("select message_id from rudder.events order by message_id"))
                    .extracting(row -> (String) row.get(0)).containsExactlyElementsOf(expected.stream().sorted().toList());
        }
    }

    /** One {@code /v1/batch} request of track events, spooled as the collector does. */
    private static void spool(Spool spool, List<String> messageIds) {
        StringBuilder batch = new StringBuilder("{\"batch\": [");
        for (int index = 0; index < messageIds.size(); index++) {
            batch.append(index == 0 ? "" : ",").append("{\"type\": \"track\", \"event\": \"Tick\", \"userId\": \"u\",")
                    .append(" \"properties\": {\"n\": ").append(index).append("}, \"messageId\": \"")
                    .append(messageIds.get(index)).append("\"}");
        }
        new EventIngestor(CollectorLimits.DEFAULTS, spool, () -> 0).ingest(new EventSource("web", "key", "rudder"), null,
                EventIngestor.parse(batch.append("]}").toString().getBytes(StandardCharsets.UTF_8)),
                new RequestInfo("127.0.0.1", Instant.now(), null));
    }
}
