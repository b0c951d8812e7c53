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

    /**
     * Salesforce answers an org over its API request limit with 403 {@code REQUEST_LIMIT_EXCEEDED}: a limit, not
     * refused credentials, and retrying within the run would only spend more of it.
     */
    static java.util.Optional<String> limitExceeded(int status, String body) {
        if (status == 403 && body.contains("REQUEST_LIMIT_EXCEEDED")) {
            return java.util.Optional.of("the org's API request limit: it frees up as its 24-hour window moves;"
                    + " the next run goes on from the last committed page");
        }
        return java.util.Optional.empty();
    }
}
