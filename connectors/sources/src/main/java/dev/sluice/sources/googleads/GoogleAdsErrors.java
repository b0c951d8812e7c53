package dev.sluice.sources.googleads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sources.internal.RecordValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Google's error answers into one line: the API's {@code {"error": {"status", "message", "details":
 * [{"errors": [{"errorCode": {"authorizationError": "USER_PERMISSION_DENIED"}, "message"}]}]}}} (alone or as the
 * one element of a stream's array) as {@code PERMISSION_DENIED: authorizationError USER_PERMISSION_DENIED: ...},
 * and the OAuth endpoint's {@code {"error", "error_description"}}. Stateless and thread-safe.
 */
final class GoogleAdsErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoogleAdsErrors() {}

    static String describe(int status, String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = (root.isArray() && !root.isEmpty() ? root.get(0) : root).path("error");
            if (error.isTextual()) {
                return RecordValues.abbreviate(error.asText() + ": " + root.path("error_description").asText());
            }
            if (error.isObject()) {
                List<String> codes = new ArrayList<>();
                for (JsonNode detail : error.path("details")) {
                    for (JsonNode failure : detail.path("errors")) {
                        failure.path("errorCode").properties().forEach(code -> codes.add(code.getKey() + " "
                                + code.getValue().asText() + ": " + failure.path("message").asText()));
                    }
                }
                return RecordValues.abbreviate(error.path("status").asText() + ": " + (codes.isEmpty()
                        ? error.path("message").asText() : String.join("; ", codes)));
            }
        } catch (java.io.IOException notJson) {
            // fall through: show the body as it came
        }
        return RecordValues.abbreviate(body);
    }
}
