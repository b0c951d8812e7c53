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

            collector.loadNow();
            assertThat(http.post("/v1/track", WEB_KEY, EVENT).status()).isEqualTo(200);
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
    void aRequestOverTheConcurrencyBoundGets429AndEveryAcceptedEventIsLoaded() throws IOException {
        CollectorLimits limits = new CollectorLimits(32 * 1024, 64 * 1024, 100, 1024 * 1024, 1024 * 1024 * 1024, 1);
        try (TestCollector collector = TestCollector.start(directory, limits, Clock.systemUTC())) {
            Http http = collector.http();
            assertThat(http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"first\"}").status())
                    .isEqualTo(200);
            String body = "{\"userId\": \"u\", \"event\": \"slow\", \"pad\": \"" + "x".repeat(2000) + "\"}";
            try (Socket slow = new Socket("127.0.0.1", collector.service().port())) {
                OutputStream out = slow.getOutputStream();
                out.write(("POST /v1/track HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Http.basic(WEB_KEY)
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body.substring(0, 1000)).getBytes(StandardCharsets.UTF_8));
                out.flush();
                // The slow request holds the one slot once the server has read part of its body.
                while (collector.service().health().bufferedBytes() == 0) {
                    Thread.onSpinWait();
                }

                Http.Response refused = http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"refused\"}");
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.header("Retry-After")).isEqualTo("1");
                assertThat(refused.body()).contains("OVERLOADED", "collector.limits.max-concurrent-requests = 1");

                out.write(body.substring(1000).getBytes(StandardCharsets.UTF_8));
                out.flush();
                String status = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n", 2)[0];
                assertThat(status).isEqualTo("HTTP/1.1 200 OK");
            }
            assertThat(http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"last\"}").status())
                    .as("the slot was given back").isEqualTo(200);
            collector.loadNow();
            assertThat(collector.rows("select event from rudder.events order by received_at, event"))
                    .extracting(row -> row.get(0)).containsExactlyInAnyOrder("first", "slow", "last");
            assertThat(collector.service().health().bufferedBytes()).isZero();
        }
    }
}
