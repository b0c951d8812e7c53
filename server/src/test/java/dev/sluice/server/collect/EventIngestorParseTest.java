package dev.sluice.server.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.admin.PiiMask;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The collector's body parser: a tree like Jackson's, but properties and traits kept as the bytes sent. */
class EventIngestorParseTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void propertiesAndTraitsAreWrittenBackByteForByte() throws Exception {
        String properties = "{ \"price\" : 1.50,\n \"tags\": [\"a\", {\"b\": null}], \"name\": \"Zo\\u00eb \u00e9 \ud83d\ude00\" }";
        String traits = "{\"email\":\"a@b.c\"}";
        JsonNode root = EventIngestor.parse(utf8("{\"batch\": [{\"type\": \"track\", \"properties\": " + properties
                + "}, {\"type\": \"identify\", \"traits\":" + traits + "}]}"));

        assertThat(RawJson.isObject(root.get("batch").get(0).get("properties"))).isTrue();
        String written = EventJson.requests().writeValueAsString(root);
        assertThat(written).contains("\"properties\":" + properties).contains("\"traits\":" + traits);
        // Everything else is an ordinary tree.
        assertThat(root.get("batch").get(0).get("type").isTextual()).isTrue();
    }

    @Test
    void expandedItIsTheTreeJacksonReads() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder body = new StringBuilder("{\"sentAt\": \"2026-01-01T00:00:00Z\", \"batch\": [");
            int events = 1 + random.nextInt(4);
            for (int e = 0; e < events; e++) {
                body.append(e == 0 ? "" : ", ").append("{\"type\": \"track\", \"userId\": ").append(random.nextInt(1000))
                        .append(", \"properties\": ").append(randomValue(random, 0, true))
                        .append(", \"context\": ").append(randomValue(random, 0, true))
                        .append(", \"traits\": ").append(randomValue(random, 0, random.nextBoolean())).append('}');
            }
            body.append("], \"n\": ").append(randomValue(random, 0, false)).append('}');
            byte[] bytes = utf8(body.toString());

            assertThat(RawJson.expanded(EventIngestor.parse(bytes))).as(body.toString())
                    .isEqualTo(EventJson.requests().readTree(bytes));
        }
    }

    @Test
    void aSingleEventAndOddBodiesReadAsJacksonReadsThem() throws Exception {
        for (String body : List.of("{\"userId\": \"u\", \"properties\": {\"a\": 1}, \"properties\": {\"b\": 2}}", "[1, 2]", "\"text\"",
                "42.50", "null", "  ", "{\"batch\": [1, \"x\", null, [], {\"properties\": []}]}", "{}")) {
            assertThat(RawJson.expanded(EventIngestor.parse(utf8(body)))).as(body)
                    .isEqualTo(EventJson.requests().readTree(utf8(body)));
        }
    }

    @Test
    void moreContentAfterTheBodyIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> EventIngestor.parse(utf8("{\"userId\": \"u\"}\n {\"userId\": \"v\"}")))
                .isInstanceOf(IngestException.class).hasMessageContaining("not valid JSON at line 2, column 2")
                .hasMessageContaining("more content after the JSON value");
    }

    @Test
    void theLiveViewMasksInsideTraitsKeptAsBytes() {
        JsonNode event = EventIngestor.parse(utf8("{\"userId\": \"u\", \"traits\": {\"email\": \"a@b.c\", \"plan\": \"pro\"}}"));

        JsonNode masked = new PiiMask(List.of("traits.email")).apply(event);

        assertThat(masked.get("traits").get("email").asText()).isNotEqualTo("a@b.c");
        assertThat(masked.get("traits").get("plan").asText()).isEqualTo("pro");
        assertThat(masked.toString()).doesNotContain("a@b.c");
    }

    private static String randomValue(SplittableRandom random, int depth, boolean object) {
        int kind = object ? 0 : random.nextInt(depth > 3 ? 4 : 6);
        return switch (kind) {
            case 0 -> {
                StringBuilder json = new StringBuilder(random.nextBoolean() ? "{" : "{ ");
                int fields = random.nextInt(4);
                for (int f = 0; f < fields; f++) {
                    json.append(f == 0 ? "" : ",\n").append('"').append(random.nextBoolean() ? "k" + f : "k\\u00e9" + f).append("\": ")
                            .append(randomValue(random, depth + 1, false));
                }
                yield json.append('}').toString();
            }
            case 1 -> "\"" + List.of("", "plain", "tab\\t", "quote\\\"", "\u00e9t\u00e9", "\ud83d\ude00", "\\ud83d\\ude00")
                    .get(random.nextInt(7)) + "\"";
            case 2 -> List.of("0", "-7", "1.50", "1e400", "123456789012345678901234567890", "2.5E-3").get(random.nextInt(6));
            case 3 -> List.of("true", "false", "null").get(random.nextInt(3));
            default -> {
                StringBuilder json = new StringBuilder("[");
                int elements = random.nextInt(4);
                for (int e = 0; e < elements; e++) {
                    json.append(e == 0 ? "" : ", ").append(randomValue(random, depth + 1, false));
                }
                yield json.append(']').toString();
            }
        };
    }
}
