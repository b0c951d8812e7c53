package dev.sluice.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** An endpoint that takes a JSON array of {@code {operation, key, fields}} with a Bearer token; 422 on a bad email. */
final class WebhookFake extends FakeVendor {
    static final String TOKEN = "hook-secret";

    @Override
    protected Answer answer(String method, String path, Map<String, String> headers, JsonNode body) {
        if (!method.equals("POST") || !path.equals("/hooks/sluice")) {
            return new Answer(404, "{\"error\":\"not found\"}");
        }
        if (!("Bearer " + TOKEN).equals(headers.get("authorization"))) {
            return new Answer(401, "{\"error\":\"unauthorized\"}");
        }
        if (body == null || !body.isArray() || body.isEmpty()) {
            return new Answer(400, "{\"error\":\"expected a JSON array of records\"}");
        }
        for (JsonNode element : body) {
            if (!element.path("key").isTextual() || !element.path("operation").isTextual()) {
                return new Answer(400, "{\"error\":\"every record needs operation and key\"}");
            }
            if (!validEmail(element.path("fields").get("email"))) {
                return new Answer(422, "{\"error\":\"invalid email for key " + element.path("key").asText() + "\"}");
            }
        }
        for (JsonNode element : body) {
            if (element.path("operation").asText().equals("delete")) {
                store().remove(element.path("key").asText());
            } else {
                store().put(element.path("key").asText(), map(element.path("fields")));
            }
        }
        return new Answer(200, "{\"accepted\":" + body.size() + "}");
    }

    @Override
    protected String rateLimitBody() {
        return "{\"error\":\"slow down\"}";
    }
}
