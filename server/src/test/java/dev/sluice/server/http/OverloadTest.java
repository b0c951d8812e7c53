package dev.sluice.server.http;

import static dev.sluice.server.TestCollector.WEB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.Http;
import dev.sluice.server.TestCollector;
import dev.sluice.server.collect.CollectorLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overload is answered with 429/503 instead of growing memory or disk without bound. */
class OverloadTest {
    static final String EVENT = "{\"userId\": \"u\", \"event\": \"E\"}";

    @TempDir
    Path directory;

    @Test
    void aFullSpoolGets503UntilTheLoaderCatchesUp() {
        CollectorLimits limits = new CollectorLimits(32 * 1024, 64 * 1024, 100, 1024 * 1024, 1);
        try (TestCollector collector = TestCollector.start(directory, limits, Clock.systemUTC())) {
            Http http = collector.http();
            assertThat(http.post("/v1/track", WEB_KEY, EVENT).status()).isEqualTo(200);

            Http.Response full = http.post("/v1/track", WEB_KEY, EVENT);
            assertThat(full.status()).isEqualTo(503);
            assertThat(full.body()).contains("UNAVAILABLE", "not yet loaded", "collector.limits.max-spool-bytes");
            assertThat(full.header("Retry-After")).isNotNull();
            assertThat(http.post("/v1/track", WEB_KEY, EVENT).status()).isEqualTo(503);
            // Most requests are turned away: /health says so, for the load balancer and the on-call.
            Http.Response health = http.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body()).contains("\"ingest\":{\"status\":\"refusing\",\"acceptedRequests\":1,"
                    + "\"refusedRequests\":2,\"lastRefusal\":\"UNAVAILABLE\"}");

            collector.loadNow();
            assertThat(http.post("/v1/track", WEB_KEY, EVENT).status()).isEqualTo(200);
            assertThat(http.get("/health").body()).contains("\"ingest\":{\"status\":\"accepting\",\"acceptedRequests\":2,");
            collector.loadNow();
            assertThat(collector.count("select count(*) from rudder.events")).isEqualTo(2);
        }
    }

    @Test
    void requestsOverTheInMemoryBudgetGet429() throws IOException {
        CollectorLimits limits = new CollectorLimits(32 * 1024, 8 * 1024, 100, 8 * 1024, 1024 * 1024);
        try (TestCollector collector = TestCollector.start(directory, limits, Clock.systemUTC())) {
            Http http = collector.http();
            // A slow client: sends 6 KB of its body over a raw socket, then stalls while the server holds them.
            String head = "{\"userId\": \"u\", \"event\": \"E\", \"pad\": \"" + "x".repeat(6000);
            String tail = "\"}";
            try (Socket slow = new Socket("127.0.0.1", collector.service().port())) {
                OutputStream out = slow.getOutputStream();
                out.write(("POST /v1/track HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Http.basic(WEB_KEY)
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + (head.length() + tail.length())
                        + "\r\nConnection: close\r\n\r\n" + head).getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (collector.service().health().bufferedBytes() < 6000) {
                    Thread.onSpinWait();
                }

                Http.Response refused = http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"E\", \"pad\": \""
                        + "y".repeat(3000) + "\"}");
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.body()).contains("OVERLOADED", "collector.limits.max-buffered-bytes");

                out.write(tail.getBytes(StandardCharsets.UTF_8));
                out.flush();
                String status = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n", 2)[0];
                assertThat(status).isEqualTo("HTTP/1.1 200 OK");
            }
            assertThat(collector.service().health().bufferedBytes()).isZero();
            assertThat(http.post("/v1/track", WEB_KEY, EVENT).status()).isEqualTo(200);
        }
    }

    @Test
    void aClientStillSendingItsBodyHoldsNoSlotAndEveryAcceptedEventIsLoaded() throws IOException {
        CollectorLimits limits = new CollectorLimits(32 * 1024, 64 * 1024, 100, 1024 * 1024, 1024 * 1024 * 1024, 1);
        try (TestCollector collector = TestCollector.start(directory, limits, Clock.systemUTC())) {
            Http http = collector.http();
            String body = "{\"userId\": \"u\", \"event\": \"slow\", \"pad\": \"" + "x".repeat(2000) + "\"}";
            try (Socket slow = new Socket("127.0.0.1", collector.service().port())) {
                OutputStream out = slow.getOutputStream();
                out.write((head("/v1/track", body.length()) + body.substring(0, 1000)).getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (collector.service().health().bufferedBytes() == 0) {
                    Thread.onSpinWait();
                }
                // The one slot is free while the slow body arrives: a client that trickles cannot shut out the rest.
                assertThat(http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"meanwhile\"}").status())
                        .isEqualTo(200);

                out.write(body.substring(1000).getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(statusLine(slow)).isEqualTo("HTTP/1.1 200 OK");
            }
            collector.loadNow();
            assertThat(collector.rows("select event from rudder.events")).extracting(row -> row.get(0))
                    .containsExactlyInAnyOrder("meanwhile", "slow");
            assertThat(collector.service().health().bufferedBytes()).isZero();
        }
    }

    @Test
    void tricklingClientsAreAnswered408WhileEveryoneElseIsServed() throws Exception {
        // 24 clients sending a byte every 50 ms (20 bytes/s): four times the request slots. With a 1 s body
        // timeout and 1 KB/s, each is cut off after about a second, with a 408 that names the settings.
        CollectorLimits limits = new CollectorLimits(32 * 1024, 64 * 1024, 100, 1024 * 1024, 1024 * 1024 * 1024, 6)
                .withBodyTimeout(Duration.ofSeconds(1), 1024);
        try (TestCollector collector = TestCollector.start(directory, limits, Clock.systemUTC())) {
            Http http = collector.http();
            List<Trickler> tricklers = new ArrayList<>();
            for (int index = 0; index < 24; index++) {
                tricklers.add(Trickler.start(collector.service().port(), head("/v1/track", 2000), 2000));
            }
            for (int index = 0; index < 10; index++) {
                Http.Response served = http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"fast\"}");
                assertThat(served.status()).as(served.toString()).isEqualTo(200);
            }
            for (Trickler trickler : tricklers) {
                String answer = trickler.answer();
                assertThat(answer).startsWith("HTTP/1.1 408 ").contains("REQUEST_TIMEOUT",
                        "collector.limits.body-timeout", "collector.limits.min-body-rate")
                        .doesNotContain("Exception", "java.", "jetty");
                assertThat(trickler.sent()).as("cut off long before its 2000 bytes").isLessThan(2000);
            }
            collector.loadNow();
            assertThat(collector.count("select count(*) from rudder.events")).isEqualTo(10);
            assertThat(collector.service().health().bufferedBytes()).isZero();
        }
    }

    @Test
    void aStalledBodyIsAnswered408WithoutJavaInternals() throws IOException {
        CollectorLimits limits = CollectorLimits.DEFAULTS.withBodyTimeout(Duration.ofMillis(500), 1024);
        try (TestCollector collector = TestCollector.start(directory, limits, Clock.systemUTC());
                Socket stalled = new Socket("127.0.0.1", collector.service().port())) {
            stalled.setSoTimeout(60_000);
            stalled.getOutputStream().write((head("/v1/track", 100) + "{\"userId\": \"u\",")
                    .getBytes(StandardCharsets.UTF_8));
            String answer = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("REQUEST_TIMEOUT", "of 100 bytes",
                    "within 500 ms plus 1 s per 1024 bytes").doesNotContain("Exception", "java.", "jetty");
            assertThat(collector.http().post("/v1/track", WEB_KEY, EVENT).status()).isEqualTo(200);
        }
    }

    static String head(String path, int contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Http.basic(WEB_KEY)
                + "\r\nContent-Type: application/json\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n\r\n";
    }

    static String statusLine(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n", 2)[0];
    }
}
