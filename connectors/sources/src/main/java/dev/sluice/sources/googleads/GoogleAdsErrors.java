package dev.sluice.sources.googleads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sources.internal.RecordValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Google's error answers into one line: the API's {@code {"error": {"status", "message", "details":
 * [{"errors": [{"errorCode": {"authorizationError": "USER_PERMISSION_DENIED"}, "message"}]}]}}} (alone or as the
 * one element of a stream's array) as {@code PERMISSION_DENIED: authorizationError USER_PERMISSION_DENIED: ...},
 * and the OAuth endpoint's {@code {"error", "error_description"}}; and the wait a quota answer asks for.
 * Stateless and thread-safe.
 */
final class GoogleAdsErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoogleAdsErrors() {}

    /**
     * The wait a quota answer asks for: the greatest {@code retryDelay} of its {@code google.rpc.RetryInfo} details
     * and of its errors' {@code quotaErrorDetails}, a protobuf duration such as {@code "30s"} or {@code "1.5s"}.
     */
    static Optional<Duration> askedWait(HttpResponse<String> response) {
        JsonNode error;
        try {
            JsonNode root = JSON.readTree(response.body());
            error = (root.isArray() && !root.isEmpty() ? root.get(0) : root).path("error");
        } catch (java.io.IOException notJson) {
            return Optional.empty();
        }
        Optional<Duration> longest = Optional.empty();
        for (JsonNode detail : error.path("details")) {
            List<JsonNode> delays = new ArrayList<>();
            if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo")) {
                delays.add(detail.path("retryDelay"));
            }
            for (JsonNode failure : detail.path("errors")) {
                delays.add(failure.path("details").path("quotaErrorDetails").path("retryDelay"));
            }
            for (JsonNode delay : delays) {
                Optional<Duration> wait = duration(delay.asText());
                if (wait.isPresent() && (longest.isEmpty() || wait.get().compareTo(longest.get()) > 0)) {
                    longest = wait;
                }
            }
        }
        return longest;
    }

    /** A protobuf JSON duration ({@code "30s"}, {@code "0.250s"}), rounded up to the millisecond. */
    private static Optional<Duration> duration(String text) {
        if (!text.matches("\\d{1,9}(\\.\\d{1,9})?s")) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(text.substring(0, text.length() - 1));
        return Optional.of(Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact()));
    }

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
