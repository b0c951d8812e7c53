package dev.sluice.server.http;

import static dev.sluice.server.TestCollector.WEB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.Http;
import dev.sluice.server.TestCollector;
import dev.sluice.server.collect.CollectorLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random and mutated payloads: every one gets a 2xx or 4xx (never a 5xx), the server
 * keeps serving, the loader can load whatever was accepted, and a refused batch leaves no row.
 * The seed is fixed, so a failure replays; the message shows the payload.
 */
class FuzzTest {
    static final int REQUESTS = 3_000;
    static final long SEED = 20_261_126L;
    static final List<String> PATHS = List.of("/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/group",
            "/v1/alias", "/v1/batch", "/v1/b", "/v1/t");
    static final CollectorLimits LIMITS = new CollectorLimits(4 * 1024, 64 * 1024, 20, 8L * 1024 * 1024, 1L << 30);

    @TempDir
    Path directory;

    @Test
    void randomAndMutatedPayloadsNeverGetA5xxAndNeverWritePartOfABatch() {
        Random random = new Random(SEED);
        FuzzPayloads payloads = new FuzzPayloads(random);
        List<String> refusedMarkers = new ArrayList<>();
        int accepted = 0;
        try (TestCollector collector = TestCollector.start(directory, LIMITS, Clock.systemUTC())) {
            Http http = collector.http();
            for (int request = 0; request < REQUESTS; request++) {
                String marker = "fz" + request + "x";
                String path = PATHS.get(random.nextInt(PATHS.size()));
                byte[] body = payloads.next(marker, path.contains("/b"));
                boolean gzip = random.nextInt(20) == 0;
                Http.Response response = gzip
                        ? http.post(path, WEB_KEY, random.nextBoolean() ? Http.gzip(body) : body, "Content-Encoding", "gzip")
                        : http.post(path, WEB_KEY, body);

                assertThat(response.status()).as("request %d to %s:%n%s%n-> %s", request, path,
                        new String(body, StandardCharsets.UTF_8), response).isBetween(200, 499);
                if (response.status() == 200) {
                    accepted++;
                } else {
                    assertThat(response.body()).as("a refusal says why").contains("\"message\":");
                    refusedMarkers.add(marker);
                }
                if (request % 500 == 499) {
                    collector.loadNow(); // loads mid-run too, so accepted oddities reach the warehouse early
                }
            }
            collector.loadNow();

            assertThat(accepted).as("the generator also makes valid payloads").isGreaterThan(REQUESTS / 10);
            assertThat(refusedMarkers).as("and plenty of invalid ones").hasSizeGreaterThan(REQUESTS / 3);
            assertThat(collector.count("select count(*) from rudder.events")).isGreaterThanOrEqualTo(accepted);
            Set<Object> loadedMarkers = collector.rows("select distinct regexp_extract(payload::varchar, 'fz[0-9]+x')"
                    + " from rudder.events").stream().map(row -> row.get(0)).collect(Collectors.toSet());
            assertThat(refusedMarkers).as("refused requests with rows in the warehouse").noneMatch(loadedMarkers::contains);
            assertThat(collector.count("select count(*) from sluice.collector_dead_letters"))
                    .as("every accepted event can be loaded").isZero();
            assertThat(http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"Still alive\"}").status()).isEqualTo(200);
            assertThat(http.get("/health").status()).isEqualTo(200);
        }
    }
}
