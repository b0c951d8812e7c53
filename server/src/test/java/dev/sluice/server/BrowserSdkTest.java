package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.admin.ApiJson;
import dev.sluice.server.collect.CollectorLimits;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real browser SDK, {@code @rudderstack/analytics-js} v3 (pinned in {@code src/test/node}), in
 * headless Chromium: loaded with {@code configUrl} pointing at a collector on port 0, from a page served
 * on another port (cross-origin, so every call needs CORS), with no RudderStack CDN. Its events land in
 * the source's {@code events} table. Once per transport the SDK offers: a request per event, XHR batches
 * to {@code /v1/batch}, and {@code navigator.sendBeacon} to {@code /beacon/v1/batch}.
 */
class BrowserSdkTest {
    static final Path NODE_PROJECT = Path.of("src", "test", "node");

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "xhr    | /v1/alias application/json;charset=UTF-8, /v1/group application/json;charset=UTF-8, /v1/identify application/json;charset=UTF-8, /v1/page application/json;charset=UTF-8, /v1/track application/json;charset=UTF-8",
        "batch  | /v1/batch application/json;charset=UTF-8",
        "beacon | /beacon/v1/batch text/plain"})
    void theBrowserSdkSendsEveryCallAcrossOriginsIntoTheWarehouse(String transport, String requests) throws Exception {
        assumeInstalled();
        try (TestCollector collector = TestCollector.start(directory)) {
            String base = "http://127.0.0.1:" + collector.service().port();
            JsonNode seen = runNode(base, transport);

            assertThat(seen.get("errors")).as("console errors and failed requests").isEmpty();
            assertThat(seen.get("otherRequests")).as("requests beyond the page and the collector (a CDN)").isEmpty();
            assertThat(seen.get("noCdnRequests")).as("plugins or destinations fetched").isEmpty();
            String pageOrigin = seen.get("pageOrigin").asText();
            assertThat(seen.get("collectorRequests")).anySatisfy(request -> {
                assertThat(request.get("path").asText()).startsWith("/sourceConfig");
                assertThat(request.get("status").asInt()).isEqualTo(200);
            });
            List<String> posts = new java.util.ArrayList<>();
            seen.get("collectorRequests").forEach(request -> {
                if (request.get("method").asText().equals("POST")) {
                    posts.add(request.get("path").asText() + " " + request.get("contentType").asText());
                }
            });
            assertThat(String.join(", ", posts.stream().sorted().toList())).isEqualTo(requests);
            assertThat(seen.get("collectorRequests")).allSatisfy(request -> {
                assertThat(request.get("status").asInt()).as(request.toString()).isEqualTo(200);
                assertThat(request.get("allowOrigin").asText()).as(request.toString()).isEqualTo(pageOrigin);
            });

            collector.loadNow();
            List<List<Object>> rows = collector.rows("select type, event, anonymous_id, user_id,"
                    + " context->'library'->>'name', context->'page'->>'url', context->>'userAgent'"
                    + " from rudder.events order by original_timestamp, type");
            assertThat(rows).extracting(row -> row.get(0)).containsExactly("page", "identify", "track", "group",
                    "alias");
            String anonymousId = (String) rows.get(0).get(2);
            assertThat(anonymousId).isNotBlank();
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.get(2)).as("one anonymous id for the browser").isEqualTo(anonymousId);
                assertThat(row.get(4)).isEqualTo("RudderLabs JavaScript SDK");
                assertThat(row.get(5)).isEqualTo(pageOrigin + "/");
                assertThat(row.get(6)).isEqualTo(seen.get("userAgent").asText());
            });
            // Before identify the SDK sends an empty user id, kept as sent.
            assertThat(rows.get(0).subList(0, 4)).containsExactly("page", null, anonymousId, "");
            assertThat(rows.get(2).subList(0, 4)).containsExactly("track", "Browser Clicked", anonymousId,
                    "browser-user-1");
            assertThat(collector.rows("select traits->>'email', properties->>'button', payload->>'name',"
                    + " payload->>'groupId', payload->>'previousId' from rudder.events order by original_timestamp"))
                    .containsExactly(
                            java.util.Arrays.asList(null, null, "Browser SDK", null, null),
                            java.util.Arrays.asList("browser@example.com", null, null, null, null),
                            // After identify the SDK carries the user's traits in every event (context.traits)...
                            java.util.Arrays.asList("browser@example.com", "buy", null, null, null),
                            // ...but a group's traits are the group's.
                            java.util.Arrays.asList(null, null, null, "org-1", null),
                            java.util.Arrays.asList("browser@example.com", null, null, null, "browser-user-1"));
        }
    }

    /**
     * After a 429 the SDK retries with its {@code Rsa-Retry-*} headers; the browser asks the collector's
     * CORS preflight whether they are allowed, and without them the events never arrive. A slow client
     * holding most of the collector's request memory makes the SDK's first requests get 429; once the
     * collector has refused one, the slow client goes away and the retries must deliver every event.
     */
    @Test
    void theBrowserSdkRetriesAfterA429AcrossOrigins() throws Exception {
        assumeInstalled();
        CollectorLimits limits = new CollectorLimits(32 * 1024, 128 * 1024, 100, 128 * 1024, 1L << 30, 128)
                .withBodyTimeout(Duration.ofMinutes(5), 1);
        try (TestCollector collector = TestCollector.start(directory, limits, Clock.systemUTC());
                Socket slow = new Socket("127.0.0.1", collector.service().port())) {
            int declared = 127 * 1024;
            slow.getOutputStream().write(("POST /v1/track HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + Http.basic(TestCollector.WEB_KEY) + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + declared + "\r\n\r\n{\"pad\": \"" + "x".repeat(125 * 1024)).getBytes(StandardCharsets.UTF_8));
            while (collector.service().health().bufferedBytes() < 125 * 1024) {
                Thread.sleep(10);
            }
            CompletableFuture<JsonNode> browser = CompletableFuture.supplyAsync(() -> {
                try {
                    return runNode("http://127.0.0.1:" + collector.service().port(), "retry");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (collector.service().health().ingest().refusedRequests() == 0 && !browser.isDone()) {
                Thread.sleep(10);
            }
            slow.close(); // gives its memory back: the retries fit
            JsonNode seen = browser.get(4, TimeUnit.MINUTES);

            List<String> errors = new java.util.ArrayList<>();
            // The browser logs the 429 itself and the SDK says it will retry; anything else (a CORS refusal,
            // a failed request) is a failure.
            seen.get("errors").forEach(error -> {
                if (!error.asText().contains("429") && !error.asText().contains("will be retried")) {
                    errors.add(error.asText());
                }
            });
            assertThat(errors).as("console errors and failed requests").isEmpty();
            List<JsonNode> posts = new java.util.ArrayList<>();
            seen.get("collectorRequests").forEach(request -> {
                if (request.get("method").asText().equals("POST")) {
                    posts.add(request);
                }
            });
            assertThat(posts).anySatisfy(post -> {
                assertThat(post.get("status").asInt()).isEqualTo(429);
                assertThat(post.get("retryAttempt").asText()).isEmpty();
            });
            assertThat(posts).anySatisfy(post -> {
                assertThat(post.get("status").asInt()).isEqualTo(200);
                assertThat(post.get("retryAttempt").asText()).as("a retry, with its headers").isNotEmpty();
            });
            assertThat(seen.get("delivered").asInt()).isEqualTo(5);

            collector.loadNow();
            assertThat(collector.rows("select type from rudder.events order by original_timestamp"))
                    .extracting(row -> row.get(0)).containsExactly("page", "identify", "track", "group", "alias");
        }
    }

    private static void assumeInstalled() {
        boolean installed = Files.isDirectory(NODE_PROJECT.resolve("node_modules/@rudderstack/analytics-js"))
                && Files.isExecutable(Path.of("/usr/bin/chromium"));
        if (!installed) {
            assertThat(System.getenv("CI")).as("CI installs Chromium and the SDK (.ci/run)").isNull();
        }
        assumeTrue(installed, "run `npm ci` in server/src/test/node and install chromium to run the browser SDK test");
    }

    private JsonNode runNode(String collector, String transport) throws Exception {
        Path log = directory.resolve("browser-sdk-check.log");
        Process node = new ProcessBuilder("node", "browser-sdk-check.js", collector, TestCollector.WEB_KEY, transport)
                .directory(NODE_PROJECT.toFile()).redirectError(log.toFile()).start();
        String out = new String(node.getInputStream().readAllBytes());
        // A safety net so that a stuck browser fails the test instead of hanging the build; not a timing assertion.
        boolean exited = node.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            node.destroyForcibly();
        }
        assertThat(exited && node.exitValue() == 0).as("node browser-sdk-check.js:%n%s%n%s", out,
                Files.readString(log)).isTrue();
        return ApiJson.mapper().readTree(out);
    }
}
