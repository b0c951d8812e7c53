package dev.sluice.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HubSpot's CRM v3 contacts batch endpoints (create, update, upsert by a unique property), as its API
 * reference describes them: a private app token as Bearer; at most 100 inputs; a property value that is
 * not valid refuses the whole batch with 400 VALIDATION_ERROR; update of an unknown id answers 207 with
 * OBJECT_NOT_FOUND naming the ids.
 */
public final class HubSpotFake extends FakeVendor {
    public static final String TOKEN = "pat-na1-secret";
    private int nextId = 100;

    @Override
    protected Answer answer(String method, String path, Map<String, String> headers, JsonNode body) {
        if (!("Bearer " + TOKEN).equals(headers.get("authorization"))) {
            return new Answer(401, "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\","
                    + "\"correlationId\":\"c0ffee\",\"category\":\"INVALID_AUTHENTICATION\"}");
        }
        String action = path.replaceFirst("^/crm/v3/objects/contacts/batch/", "");
        if (!method.equals("POST") || action.equals(path) || !List.of("create", "update", "upsert").contains(action)) {
            return new Answer(404, "{\"status\":\"error\",\"message\":\"Unable to infer object type\","
                    + "\"category\":\"OBJECT_NOT_FOUND\"}");
        }
        JsonNode inputs = body == null ? null : body.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            return validation("Invalid input JSON on line 1: inputs is required");
        }
        if (inputs.size() > 100) {
            return validation("Batch input size limit exceeded: " + inputs.size() + " > 100");
        }
        for (JsonNode input : inputs) {
            if (!action.equals("create") && (!input.path("idProperty").asText().equals("email")
                    || !input.path("id").isTextual())) {
                return validation("idProperty and id are required for " + action);
            }
            if (!input.path("properties").isObject()) {
                return validation("properties is required");
            }
            input.path("properties").fields().forEachRemaining(property -> {
                if (!property.getValue().isTextual()) {
                    throw new IllegalStateException("HubSpot properties are strings");
                }
            });
            if (!validEmail(input.path("properties").get("email"))) {
                return validation("Property values were not valid: [{\\\"isValid\\\":false,\\\"message\\\":"
                        + "\\\"Email address " + input.path("properties").path("email").asText()
                        + " is invalid\\\",\\\"error\\\":\\\"INVALID_EMAIL\\\",\\\"name\\\":\\\"email\\\"}]");
            }
        }
        List<String> results = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode input : inputs) {
            String id = action.equals("create") ? input.path("properties").path("email").asText()
                    : input.path("id").asText();
            if (action.equals("update") && !store().containsKey(id)) {
                missing.add("\"" + id + "\"");
                continue;
            }
            store().computeIfAbsent(id, ignored -> new java.util.LinkedHashMap<>()).putAll(map(input.path("properties")));
            results.add("{\"id\":\"" + (nextId++) + "\",\"properties\":{\"email\":\"" + id + "\"},\"new\":false}");
        }
        String completed = "\"status\":\"COMPLETE\",\"results\":[" + String.join(",", results) + "]";
        if (!missing.isEmpty()) {
            return new Answer(207, "{" + completed + ",\"numErrors\":1,\"errors\":[{\"status\":\"error\",\"category\":"
                    + "\"OBJECT_NOT_FOUND\",\"message\":\"Could not get some CONTACT objects, they may be deleted or not"
                    + " exist.\",\"context\":{\"ids\":[" + String.join(",", missing) + "]}}]}");
        }
        return new Answer(200, "{" + completed + "}");
    }

    private static Answer validation(String message) {
        return new Answer(400, "{\"status\":\"error\",\"message\":\"" + message + "\",\"correlationId\":\"c0ffee\","
                + "\"category\":\"VALIDATION_ERROR\"}");
    }

    @Override
    protected String rateLimitBody() {
        return "{\"status\":\"error\",\"message\":\"You have reached your ten_secondly_rolling limit.\",\"errorType\":"
                + "\"RATE_LIMIT\",\"correlationId\":\"c0ffee\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}";
    }
}
