package dev.sluice.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Braze's {@code POST /users/track} and {@code POST /users/delete}, as its REST reference describes
 * them: a REST API key as Bearer; at most 75 attributes objects, each with {@code external_id}; at most
 * 50 external ids to delete; 201 with {@code errors[].index} for refused attributes objects.
 */
public final class BrazeFake extends FakeVendor {
    public static final String API_KEY = "braze-rest-key";

    @Override
    protected Answer answer(String method, String path, Map<String, String> headers, JsonNode body) {
        if (!("Bearer " + API_KEY).equals(headers.get("authorization"))) {
            return new Answer(401, "{\"message\":\"Invalid API key: wrong\"}");
        }
        if (method.equals("POST") && path.equals("/users/delete")) {
            JsonNode ids = body == null ? null : body.get("external_ids");
            if (ids == null || !ids.isArray() || ids.size() > 50) {
                return new Answer(400, "{\"message\":\"external_ids must be an array of at most 50 ids\"}");
            }
            ids.forEach(id -> store().remove(id.asText()));
            return new Answer(201, "{\"deleted\":" + ids.size() + ",\"message\":\"success\"}");
        }
        if (!method.equals("POST") || !path.equals("/users/track")) {
            return new Answer(404, "{\"message\":\"not found\"}");
        }
        JsonNode attributes = body == null ? null : body.get("attributes");
        if (attributes == null || !attributes.isArray() || attributes.isEmpty()) {
            return new Answer(400, "{\"message\":\"Valid data must be provided in the 'attributes', 'events', or"
                    + " 'purchases' fields.\"}");
        }
        if (attributes.size() > 75) {
            return new Answer(400, "{\"message\":\"Too many attributes objects: at most 75 per request\"}");
        }
        List<String> errors = new ArrayList<>();
        int index = 0;
        for (JsonNode object : attributes) {
            String id = object.path("external_id").asText(null);
            if (id == null) {
                errors.add(error("'external_id' or 'braze_id' or 'user_alias' or 'email' is required", index));
            } else if (!validEmail(object.get("email"))) {
                errors.add(error("'email' is not a valid email address", index));
            } else if (!object.path("_update_existing_only").asBoolean() || store().containsKey(id)) {
                Map<String, Object> fields = map(object);
                fields.remove("external_id");
                fields.remove("_update_existing_only");
                store().computeIfAbsent(id, ignored -> new java.util.LinkedHashMap<>()).putAll(fields);
            }
            index++;
        }
        return new Answer(201, "{\"message\":\"success\",\"attributes_processed\":" + (attributes.size() - errors.size())
                + (errors.isEmpty() ? "" : ",\"errors\":[" + String.join(",", errors) + "]") + "}");
    }

    private static String error(String type, int index) {
        return "{\"type\":\"" + type.replace("\"", "\\\"") + "\",\"input_array\":\"attributes\",\"index\":" + index + "}";
    }

    @Override
    protected String rateLimitBody() {
        return "{\"message\":\"Rate limit exceeded\"}";
    }
}
