package dev.sluice.sources.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sources.internal.RecordValues;

/**
 * Reads Stripe's error object ({@code {"error": {"type", "code", "param", "message"}}}) into one line:
 * {@code invalid_request_error parameter_unknown (param foo): Received unknown parameter: foo}. An answer
 * that is not that shape is shown abbreviated. Stateless and thread-safe.
 */
final class StripeErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StripeErrors() {}

    static String describe(int status, String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isObject() && error.hasNonNull("message")) {
                StringBuilder line = new StringBuilder(error.path("type").asText("error"));
                if (error.hasNonNull("code")) {
                    line.append(' ').append(error.get("code").asText());
                }
                if (error.hasNonNull("param")) {
                    line.append(" (param ").append(error.get("param").asText()).append(')');
                }
                return line.append(": ").append(RecordValues.abbreviate(error.get("message").asText())).toString();
            }
        } catch (java.io.IOException notJson) {
            // fall through: show the body as it came
        }
        return RecordValues.abbreviate(body);
    }
}
