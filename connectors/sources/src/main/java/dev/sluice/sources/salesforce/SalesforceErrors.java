package dev.sluice.sources.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sources.internal.RecordValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Salesforce's error answers into one line: the REST API's list of {@code {"errorCode", "message"}}
 * ({@code INVALID_FIELD: No such column 'Foo' on entity 'Lead'}) and the OAuth endpoint's
 * {@code {"error", "error_description"}} ({@code invalid_grant: expired access/refresh token}). Stateless
 * and thread-safe.
 */
final class SalesforceErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SalesforceErrors() {}

    static String describe(int status, String body) {
        try {
            JsonNode root = JSON.readTree(body);
            List<String> lines = new ArrayList<>();
            for (JsonNode error : root.isArray() ? root : JSON.createArrayNode().add(root)) {
                if (error.hasNonNull("errorCode")) {
                    lines.add(error.get("errorCode").asText() + ": " + error.path("message").asText());
                } else if (error.hasNonNull("error")) {
                    lines.add(error.get("error").asText() + ": " + error.path("error_description").asText());
                }
            }
            if (!lines.isEmpty()) {
                return RecordValues.abbreviate(String.join("; ", lines));
            }
        } catch (java.io.IOException notJson) {
            // fall through: show the body as it came
        }
        return RecordValues.abbreviate(body);
    }
}
