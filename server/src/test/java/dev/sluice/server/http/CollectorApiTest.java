package dev.sluice.server.http;

import static dev.sluice.server.TestCollector.IOS_KEY;
import static dev.sluice.server.TestCollector.WEB_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.Http;
import dev.sluice.server.TestCollector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectorApiTest {
    @TempDir
    Path directory;
    TestCollector collector;
    Http http;

    @BeforeEach
    void start() {
        collector = TestCollector.start(directory);
        http = collector.http();
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @ParameterizedTest
    @CsvSource({
        "/v1/track, track, '\"event\": \"Order Completed\", \"properties\": {\"revenue\": 12.5}'",
        "/v1/t, track, '\"event\": \"Order Completed\"'",
        "/v1/identify, identify, '\"traits\": {\"email\": \"a@example.com\"}'",
        "/v1/i, identify, '\"traits\": {\"email\": \"a@example.com\"}'",
        "/v1/page, page, '\"name\": \"Home\"'",
        "/v1/p, page, '\"name\": \"Home\"'",
        "/v1/screen, screen, '\"name\": \"Settings\"'",
        "/v1/s, screen, '\"name\": \"Settings\"'",
        "/v1/group, group, '\"groupId\": \"acme\"'",
        "/v1/g, group, '\"groupId\": \"acme\"'",
        "/v1/alias, alias, '\"previousId\": \"anon-1\"'",
        "/v1/a, alias, '\"previousId\": \"anon-1\"'",
    })
    void everyEndpointAndItsShortFormLandsOneRowOfItsType(String path, String type, String fields) {
        Http.Response response = http.post(path, WEB_KEY, "{\"userId\": \"u1\", \"messageId\": \"m1\", " + fields + "}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        collector.loadNow();
        assertThat(collector.rows("select message_id, type, user_id from rudder.events"))
                .containsExactly(List.of("m1", type, "u1"));
    }

    @Test
    void rudderStacksMergeAndImportEndpointsAreAccepted() {
        // The merge call of RudderStack's SDKs: two ids of one person, no anonymousId or userId needed.
        Http.Response merge = http.post("/v1/merge", WEB_KEY, "{\"messageId\": \"m1\", \"mergeProperties\": ["
                + "{\"type\": \"email\", \"value\": \"ada@example.com\"}, {\"type\": \"phone\", \"value\": 15550100}]}");
        assertThat(merge.status()).as(merge.toString()).isEqualTo(200);
        Http.Response imported = http.post("/v1/import", WEB_KEY, "{\"batch\": [{\"type\": \"track\", \"userId\": \"u1\","
                + " \"messageId\": \"m2\", \"event\": \"Old Order\", \"timestamp\": \"2019-05-01T10:00:00Z\"},"
                + " {\"type\": \"merge\", \"messageId\": \"m3\", \"mergeProperties\": [{\"type\": \"user_id\","
                + " \"value\": \"u1\"}, {\"type\": \"email\", \"value\": \"ada@example.com\"}]}]}");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);

        Http.Response wrong = http.post("/v1/merge", WEB_KEY, "{\"mergeProperties\": [{\"type\": \"email\","
                + " \"value\": \"ada@example.com\"}]}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("INVALID_EVENT", "a merge needs \\\"mergeProperties\\\", two objects");
        assertThat(http.post("/v1/m", WEB_KEY, "{\"userId\": \"u\"}").status()).as("no short form").isEqualTo(404);

        collector.loadNow();
        assertThat(collector.rows("select message_id, type, event, original_timestamp is not null,"
                + " payload->'mergeProperties'->1->>'value' from rudder.events order by message_id")).containsExactly(
                        Arrays.asList("m1", "merge", null, false, "15550100"),
                        Arrays.asList("m2", "track", "Old Order", true, null),
                        Arrays.asList("m3", "merge", null, false, "ada@example.com"));
    }

    @Test
    void aBatchLandsEveryEventWithItsColumnsAndTheWholePayload() {
        String batch = """
                {"batch": [
                  {"type": "track", "event": "Signed Up", "anonymousId": "a1", "messageId": "b1",
                   "properties": {"plan": "pro"}, "context": {"library": {"name": "test"}}, "integrations": {"All": true}},
                  {"type": "identify", "userId": "u1", "anonymousId": "a1", "messageId": "b2", "traits": {"email": "u1@example.com"}},
                  {"type": "page", "anonymousId": "a1", "messageId": "b3", "name": "Pricing", "properties": {"path": "/pricing"}}
                ]}""";

        assertThat(http.post("/v1/batch", WEB_KEY, batch).status()).isEqualTo(200);
        collector.loadNow();

        assertThat(collector.rows("select message_id, type, event, anonymous_id, user_id from rudder.events order by message_id"))
                .containsExactly(Arrays.asList("b1", "track", "Signed Up", "a1", null),
                        Arrays.asList("b2", "identify", null, "a1", "u1"),
                        Arrays.asList("b3", "page", null, "a1", null));
        assertThat(collector.rows("select properties->>'plan', context->'library'->>'name', integrations->>'All',"
                + " payload->>'event', received_at is not null, timestamp is not null from rudder.events where message_id = 'b1'"))
                .containsExactly(List.of("pro", "test", "true", "Signed Up", true, true));
        assertThat(collector.rows("select traits->>'email' from rudder.events where message_id = 'b2'"))
                .containsExactly(List.of("u1@example.com"));
    }

    @Test
    void eachWriteKeyWritesToItsOwnSourceSchema() {
        assertThat(http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"Web\"}").status()).isEqualTo(200);
        assertThat(http.post("/v1/track", IOS_KEY, "{\"userId\": \"u\", \"event\": \"App\"}").status()).isEqualTo(200);
        collector.loadNow();

        assertThat(collector.rows("select event from rudder.events")).containsExactly(List.of("Web"));
        assertThat(collector.rows("select event from mobile.events")).containsExactly(List.of("App"));
    }

    @Test
    void theWriteKeyMayComeAsQueryParameterOrBodyField() {
        assertThat(http.post("/v1/track?writeKey=" + WEB_KEY, null, "{\"userId\": \"u\", \"event\": \"Query\"}").status())
                .isEqualTo(200);
        assertThat(http.post("/v1/track", null, "{\"writeKey\": \"" + WEB_KEY + "\", \"userId\": \"u\", \"event\": \"Body\"}")
                .status()).isEqualTo(200);
        collector.loadNow();

        assertThat(collector.rows("select event, payload->>'writeKey' from rudder.events order by event"))
                .as("the write key is a secret and is not stored")
                .containsExactly(Arrays.asList("Body", null), Arrays.asList("Query", null));
    }

    @Test
    void anUnknownOrMissingWriteKeyGets401AndNothingIsStored() {
        Http.Response unknown = http.post("/v1/track", "not-a-key", "{\"userId\": \"u\", \"event\": \"E\"}");
        Http.Response missing = http.post("/v1/track", null, "{\"userId\": \"u\", \"event\": \"E\"}");
        Http.Response bearer = http.post("/v1/track", null, "{\"userId\": \"u\", \"event\": \"E\"}",
                "Authorization", "Bearer abc");

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains("UNKNOWN_WRITE_KEY", "collector.sources");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body()).contains("MISSING_WRITE_KEY", "Basic auth");
        assertThat(bearer.status()).isEqualTo(401);
        assertThat(bearer.body()).contains("must be Basic auth");
        collector.loadNow();
        assertThat(collector.count("select count(*) from rudder.events")).isZero();
    }

    @Test
    void gzipBodiesAreInflated() {
        byte[] body = Http.gzip("{\"batch\": [{\"type\": \"track\", \"userId\": \"u\", \"event\": \"Zipped\"}]}"
                .getBytes(StandardCharsets.UTF_8));

        Http.Response response = http.post("/v1/batch", WEB_KEY, body, "Content-Encoding", "gzip");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        collector.loadNow();
        assertThat(collector.rows("select event from rudder.events")).containsExactly(List.of("Zipped"));
    }

    @Test
    void beaconsSendTextPlainWithTheWriteKeyInTheQueryString() {
        Http.Response response = http.post("/beacon/v1/batch?writeKey=" + WEB_KEY, null,
                "{\"batch\": [{\"type\": \"page\", \"anonymousId\": \"a\", \"name\": \"Leaving\"}]}",
                "Content-Type", "text/plain;charset=UTF-8");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        collector.loadNow();
        assertThat(collector.rows("select type, payload->>'name' from rudder.events")).containsExactly(List.of("page", "Leaving"));
    }

    @Test
    void aPixelTurnsItsQueryStringIntoAnEventAndAnswersWithAGif() {
        Http.Response response = http.get("/pixel/v1/track?writeKey=" + WEB_KEY
                + "&anonymousId=a1&event=Email%20Opened&properties.campaign=spring");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("image/gif");
        collector.loadNow();
        assertThat(collector.rows("select type, event, anonymous_id, properties->>'campaign' from rudder.events"))
                .containsExactly(List.of("track", "Email Opened", "a1", "spring"));
    }

    @Test
    void corsPreflightsNameTheAllowedHeadersAndEchoTheOrigin() {
        Http.Response preflight = http.options("/v1/batch", "Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,anonymousid,sentat");

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(preflight.header("Access-Control-Allow-Headers"))
                .contains("Authorization", "AnonymousId", "SentAt", "Content-Type").doesNotContain("*");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");

        Http.Response post = http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"E\"}",
                "Origin", "https://shop.example.com");
        assertThat(post.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
    }

    @Test
    void corsPreflightsAllowTheRetryHeadersOfTheBrowserSdkAndWhatTheBrowserAsksFor() {
        // What Chromium asks before @rudderstack/analytics-js v3 retries a request (lower-cased, sorted).
        Http.Response retry = http.options("/v1/track", "Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
                "authorization,content-type,rsa-retry-attempt,rsa-retry-reason,rsa-since-first-attempt,"
                        + "rsa-since-last-attempt,sentat");
        assertThat(retry.status()).isEqualTo(204);
        assertThat(allowed(retry)).contains("authorization", "content-type", "rsa-retry-attempt", "rsa-retry-reason",
                "rsa-since-first-attempt", "rsa-since-last-attempt", "sentat", "x-retry-attempt", "x-retry-reason");

        // A header no SDK sends today is allowed when the browser asks for it; a malformed name is not echoed.
        Http.Response other = http.options("/v1/batch", "Origin", "https://shop.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-new-sdk-header, bad header");
        assertThat(allowed(other)).contains("x-new-sdk-header", "authorization").doesNotContain("bad header", "bad");
    }

    private static List<String> allowed(Http.Response preflight) {
        return java.util.Arrays.stream(preflight.header("Access-Control-Allow-Headers").split(","))
                .map(name -> name.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Test
    void sourceConfigAnswersForTheWriteKeyWithAndWithoutTrailingSlash() {
        for (String path : List.of("/sourceConfig", "/sourceConfig/", "/sourceConfig/?p=npm&v=3.0.0&writeKey=" + WEB_KEY)) {
            Http.Response response = http.get(path, "Authorization", Http.basic(WEB_KEY));

            assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
            assertThat(response.body()).contains("\"writeKey\":\"" + WEB_KEY + "\"", "\"enabled\":true",
                    "\"destinations\":[]", "\"name\":\"web\"", "\"workspaceId\"");
        }
        assertThat(http.get("/sourceConfig", "Authorization", Http.basic("wrong")).status()).isEqualTo(401);
        assertThat(http.get("/sourceConfig").status()).isEqualTo(401);
    }

    @Test
    void healthShowsTheWarehouseAndTheSpoolLag() {
        http.post("/v1/track", WEB_KEY, "{\"userId\": \"u\", \"event\": \"E\"}");

        Http.Response before = http.get("/health");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body()).contains("\"status\":\"ok\"", "\"warehouse\":\"reachable\"")
                .doesNotContain("\"unloadedBytes\":0");

        collector.loadNow();
        assertThat(http.get("/health").body()).contains("\"unloadedBytes\":0");
    }

    @Test
    void numbersAndTextAreStoredExactlyAsSent() {
        http.post("/v1/track", WEB_KEY, """
                {"userId": "u", "event": "E", "messageId": "n1",
                 "properties": {"price": 1.50, "huge": 1e400, "id": 123456789012345678901234567890, "name": "Zo\u00eb \ud83d\ude00"}}""");
        collector.loadNow();

        // The stored JSON text is the client's, byte for byte; DuckDB's own ->> would read 1.50 back as the double 1.5.
        assertThat((String) collector.rows("select properties::varchar from rudder.events").get(0).get(0)).isEqualTo(
                "{\"price\": 1.50, \"huge\": 1e400, \"id\": 123456789012345678901234567890, \"name\": \"Zo\u00eb \ud83d\ude00\"}");
        // Fields the collector rewrites are written by it: the payload carries its receivedAt.
        assertThat((String) collector.rows("select payload->>'receivedAt' from rudder.events").get(0).get(0)).endsWith("Z");
    }
}
