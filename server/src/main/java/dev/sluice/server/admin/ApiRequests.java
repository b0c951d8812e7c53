package dev.sluice.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.http.Request;
import java.util.ArrayList;
import java.util.List;

/** Reads the admin API's query parameters and JSON bodies; a bad one is a {@link BadRequest} naming the field. Stateless. */
final class ApiRequests {
    private static final int MAX_LIMIT = 500;

    private ApiRequests() {}

    static int limit(Request request, int fallback) {
        String text = request.query("limit");
        if (text == null) {
            return fallback;
        }
        long limit = parseLong(text, "limit");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequest("limit: expected 1.." + MAX_LIMIT + ", got " + text);
        }
        return (int) limit;
    }

    static long parseLong(String text, String name) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + ": expected a whole number, got \"" + text + "\"");
        }
    }

    static JsonNode object(String text) {
        try {
            JsonNode json = ApiJson.mapper().readTree(text);
            if (!json.isObject()) {
                throw new BadRequest("expected a JSON object such as {\"select\": [\"tag:events\"]}");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    static List<String> strings(JsonNode body, String field) {
        JsonNode node = body.path(field);
        List<String> values = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new BadRequest(field + ": expected a list of selectors such as [\"tag:events\"], got " + node);
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw new BadRequest(field + ": expected selector strings, got " + item);
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** A request the API refuses with 400 and this message. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
