package dev.sluice.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Customer.io's Track API v2 {@code POST /api/v2/batch}, as its reference describes it: Basic auth with
 * site id and API key; entries {type: person, identifiers: {id}, action: identify|delete}; a request over
 * 500 KB is refused; refused entries come back in a 207 by {@code batch_index}.
 */
public final class CustomerIoFake extends FakeVendor {
    public static final String SITE_ID = "site-1";
    public static final String API_KEY = "track-key";

    @Override
    protected Answer answer(String method, String path, Map<String, String> headers, JsonNode body) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((SITE_ID + ":" + API_KEY)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(headers.get("authorization"))) {
            return new Answer(401, "{\"meta\":{\"error\":\"Unauthorized request\"}}");
        }
        if (!method.equals("POST") || !path.equals("/api/v2/batch")) {
            return new Answer(404, "{\"errors\":[{\"reason\":\"not_found\",\"message\":\"no such endpoint\"}]}");
        }
        if (body == null || !body.path("batch").isArray() || body.toString().length() > 500 * 1024) {
            return new Answer(400, "{\"errors\":[{\"reason\":\"invalid\",\"message\":\"batch must be an array under"
                    + " 500KB\"}]}");
        }
        List<String> errors = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : body.get("batch")) {
            String id = entry.path("identifiers").path("id").asText(null);
            String action = entry.path("action").asText();
            if (!entry.path("type").asText().equals("person") || id == null
                    || !(action.equals("identify") || action.equals("delete"))) {
                errors.add("{\"batch_index\":" + index + ",\"reason\":\"required\",\"field\":\"identifiers\","
                        + "\"message\":\"type person, identifiers.id and action are required\"}");
            } else if (action.equals("identify") && !validEmail(entry.path("attributes").get("email"))) {
                errors.add("{\"batch_index\":" + index + ",\"reason\":\"invalid\",\"field\":\"attributes.email\","
                        + "\"message\":\"email is not a valid email address\"}");
            } else if (action.equals("delete")) {
                store().remove(id);
            } else {
                store().computeIfAbsent(id, ignored -> new java.util.LinkedHashMap<>()).putAll(map(entry.path("attributes")));
            }
            index++;
        }
        return errors.isEmpty() ? new Answer(200, "{}") : new Answer(207, "{\"errors\":[" + String.join(",", errors)
                + "]}");
    }

    @Override
    protected String rateLimitBody() {
        return "{\"meta\":{\"error\":\"rate limit exceeded\"}}";
    }
}
