package dev.sluice.bench;

import dev.sluice.server.collect.CollectorLimits;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.RequestInfo;
import dev.sluice.server.spool.Spool;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Track events written to a spool as the collector writes them, for the load benchmarks: 100 per request. */
final class SpooledTracks {
    private SpooledTracks() {}

    /** Spools {@code events} track events of 5,000 users, message ids {@code m0}, {@code m1}, ... */
    static void spool(Spool spool, int events) {
        EventIngestor ingestor = new EventIngestor(CollectorLimits.DEFAULTS, spool, () -> 0);
        EventSource source = new EventSource("web", "key", "rudder");
        int batchSize = 100;
        for (int first = 0; first < events; first += batchSize) {
            List<String> batch = new ArrayList<>(batchSize);
            for (int index = first; index < Math.min(events, first + batchSize); index++) {
                batch.add("{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u" + (index % 5000)
                        + "\",\"anonymousId\":\"a" + index + "\",\"messageId\":\"m" + index + "\",\"timestamp\":"
                        + "\"2026-03-01T12:00:00.000Z\",\"properties\":{\"revenue\":" + (index % 997) + ".5,\"currency\":"
                        + "\"USD\",\"plan\":\"pro\"},\"context\":{\"library\":{\"name\":\"analytics-node\",\"version\":"
                        + "\"2.1.0\"},\"ip\":\"10.0.0." + (index % 250) + "\",\"userAgent\":\"Mozilla/5.0\"}}");
            }
            byte[] body = ("{\"batch\":[" + String.join(",", batch) + "]}").getBytes(StandardCharsets.UTF_8);
            ingestor.ingest(source, null, EventIngestor.parse(body), new RequestInfo("127.0.0.1", Instant.now(), null));
        }
    }
}
