package dev.sluice.server.http;

import static dev.sluice.server.TestCollector.WEB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.Http;
import dev.sluice.server.TestCollector;
import dev.sluice.server.collect.CollectorLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal the collector gives: the status, and a message that names the problem, field and event. */
class BadRequestTest {
    /** Small limits so that the tests send small bodies. */
    static final CollectorLimits LIMITS = new CollectorLimits(1024, 8 * 1024, 3, 64 * 1024, 1024L * 1024 * 1024);

    @TempDir
    Path directory;
    TestCollector collector;
    Http http;

    @BeforeEach
    void start() {
        collector = TestCollector.start(directory, LIMITS, Clock.systemUTC());
        http = collector.http();
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not JSON                 | /v1/track | {"userId": "u", "event": | INVALID_JSON  | not valid JSON at line 1
        trailing garbage         | /v1/track | {"userId": "u", "event": "E"} x | INVALID_JSON | not valid JSON
        empty body               | /v1/track | '' | INVALID_JSON | body is empty
        an array, not an object  | /v1/track | [1, 2] | INVALID_EVENT | event: expected a JSON object, got an array
        no ids                   | /v1/track | {"event": "E"} | INVALID_EVENT | event: neither anonymousId nor userId is set
        empty ids                | /v1/track | {"event": "E", "userId": "", "anonymousId": null} | INVALID_EVENT | neither anonymousId nor userId
        track without event      | /v1/track | {"userId": "u"} | INVALID_EVENT | event: a track needs "event"
        blank event name         | /v1/track | {"userId": "u", "event": "  "} | INVALID_EVENT | a track needs "event"
        event of the wrong type  | /v1/track | {"userId": "u", "event": 42} | INVALID_EVENT | "event" must be a string, got a number (42)
        userId an object         | /v1/track | {"userId": {"id": 1}, "event": "E"} | INVALID_EVENT | "userId" must be a string or a number, got an object
        properties an array      | /v1/track | {"userId": "u", "event": "E", "properties": [1]} | INVALID_EVENT | "properties" must be a JSON object, got an array
        context a string         | /v1/page  | {"userId": "u", "context": "x"} | INVALID_EVENT | "context" must be a JSON object, got a string
        bad timestamp            | /v1/track | {"userId": "u", "event": "E", "timestamp": "yesterday"} | INVALID_EVENT | "timestamp" is not an ISO-8601 timestamp with a zone: "yesterday"
        timestamp without zone   | /v1/track | {"userId": "u", "event": "E", "timestamp": "2026-03-01T12:00:00"} | INVALID_EVENT | "timestamp" is not an ISO-8601
        type for another endpoint| /v1/track | {"userId": "u", "event": "E", "type": "identify"} | INVALID_EVENT | "type" is "identify" but the event was sent to /v1/track
        group without groupId    | /v1/group | {"userId": "u"} | INVALID_EVENT | a group needs "groupId"
        alias without previousId | /v1/alias | {"userId": "u"} | INVALID_EVENT | an alias needs "previousId"
        batch not an array       | /v1/batch | {"batch": {"type": "track"}} | INVALID_JSON | "batch" must be an array of events, got an object
        batch missing            | /v1/batch | {"events": []} | INVALID_JSON | "batch" must be an array of events, got nothing
        batch empty              | /v1/batch | {"batch": []} | INVALID_EVENT | "batch" is empty
        unknown type             | /v1/batch | {"batch": [{"type": "purchase", "userId": "u"}]} | INVALID_EVENT | batch[0]: unknown type "purchase"
        missing type             | /v1/batch | {"batch": [{"userId": "u", "event": "E"}]} | INVALID_EVENT | batch[0]: "type" is missing
        third event bad          | /v1/batch | {"batch": [{"type": "page", "userId": "u"}, {"type": "page", "userId": "u"}, {"type": "track", "userId": "u"}]} | INVALID_EVENT | batch[2]: a track needs "event"
        batch sentAt bad         | /v1/batch | {"sentAt": 5, "batch": [{"type": "page", "userId": "u"}]} | INVALID_EVENT | the batch's "sentAt" is not an ISO-8601 timestamp
        broken inside properties | /v1/batch | {"batch": [{"type": "page", "userId": "u", "properties": {"a": [1, }}]} | INVALID_JSON | not valid JSON at line 1, column 68
        bad escape in traits     | /v1/identify | {"userId": "u", "traits": {"a": "\\q"}} | INVALID_JSON | not valid JSON at line 1
        properties twice, last an array | /v1/track | {"userId": "u", "event": "E", "properties": {}, "properties": [1]} | INVALID_EVENT | "properties" must be a JSON object, got an array
        """)
    void badInputGets400NamingTheProblem(String description, String path, String body, String code, String message) {
        Http.Response response = http.post(path, WEB_KEY, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"" + code + "\"").contains(jsonEscaped(message));
        assertNothingStored();
    }

    @Test
    void propertiesNestedPastTheDepthLimitGet400() {
        String deep = "[".repeat(80) + "]".repeat(80);
        Http.Response response = http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"E\", \"properties\": {\"a\": "
                + deep + "}}");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.body()).contains("INVALID_JSON").contains("nesting depth");
        assertNothingStored();
    }

    @Test
    void invalidUtf8InsideTraitsGets400() {
        byte[] body = "{\"userId\": \"u\", \"traits\": {\"name\": \"x\u00ff\"}}".getBytes(StandardCharsets.ISO_8859_1);
        Http.Response response = http.post("/v1/identify", WEB_KEY, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.body()).contains("INVALID_JSON").contains("UTF-8");
        assertNothingStored();
    }

    @Test
    void aBatchWithOneBadEventStoresNoneOfIt() {
        Http.Response response = http.post("/v1/batch", WEB_KEY, """
                {"batch": [{"type": "track", "userId": "u", "event": "Good", "messageId": "g1"},
                           {"type": "track", "userId": "u", "messageId": "bad"}]}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("batch[1]");
        assertNothingStored();
    }

    @Test
    void aBatchOverTheEventLimitGets413NamingTheLimit() {
        String event = "{\"type\": \"page\", \"userId\": \"u\"}";
        Http.Response response = http.post("/v1/batch", WEB_KEY,
                "{\"batch\": [" + String.join(",", event, event, event, event) + "]}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("TOO_LARGE", "4 events", "limit is 3", "collector.limits.max-batch-events");
        assertNothingStored();
    }

    @Test
    void anEventOverTheSizeLimitGets413NamingTheEvent() {
        String big = "x".repeat(2000);
        Http.Response response = http.post("/v1/batch", WEB_KEY, "{\"batch\": [{\"type\": \"page\", \"userId\": \"u\"},"
                + " {\"type\": \"page\", \"userId\": \"u\", \"properties\": {\"blob\": \"" + big + "\"}}]}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("batch[1]", "limit is 1024", "collector.limits.max-event-bytes");
        assertNothingStored();
    }

    @Test
    void aRequestOverTheBodyLimitGets413() {
        String body = "{\"userId\": \"u\", \"event\": \"E\", \"pad\": \"" + "y".repeat(10_000) + "\"}";

        Http.Response response = http.post("/v1/track", WEB_KEY, body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("limit is 8192", "collector.limits.max-request-bytes");
    }

    @Test
    void aGzipBodyThatInflatesPastTheLimitGets413() {
        String body = "{\"userId\": \"u\", \"event\": \"E\", \"pad\": \"" + " ".repeat(200_000) + "\"}";
        byte[] compressed = Http.gzip(body.getBytes(StandardCharsets.UTF_8));
        assertThat(compressed.length).as("compresses below the limit").isLessThan(8 * 1024);

        Http.Response response = http.post("/v1/track", WEB_KEY, compressed, "Content-Encoding", "gzip");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("once inflated");
    }

    @Test
    void brokenGzipGets400AndAnUnknownEncoding415() {
        Http.Response broken = http.post("/v1/track", WEB_KEY, "not gzip at all".getBytes(StandardCharsets.UTF_8),
                "Content-Encoding", "gzip");
        Http.Response brotli = http.post("/v1/track", WEB_KEY, "{}".getBytes(StandardCharsets.UTF_8),
                "Content-Encoding", "br");

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body()).contains("not valid gzip");
        assertThat(brotli.status()).isEqualTo(415);
        assertThat(brotli.body()).contains("Content-Encoding \\\"br\\\" is not supported");
    }

    @Test
    void aMalformedSentAtHeaderGets400() {
        Http.Response response = http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"E\"}", "SentAt", "soon");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("SentAt header");
    }

    private void assertNothingStored() {
        collector.loadNow();
        assertThat(collector.count("select count(*) from rudder.events")).isZero();
    }

    private static String jsonEscaped(String text) {
        return text.replace("\"", "\\\"");
    }
}
