package dev.sluice.sources.facebookads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sources.internal.RecordValues;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the Graph API's error object ({@code {"error": {"message", "type", "code", "error_subcode"}}}) into one
 * line, {@code OAuthException 190: Invalid OAuth access token}, and recognizes its rate limits, which it answers
 * with 400 and a code rather than 429, and how long they ask to wait. Stateless and thread-safe.
 */
final class FacebookAdsErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Marketing API's throttling codes: application, user, page, ads-management and ad-account limits. */
    private static final Set<Integer> LIMITS = Set.of(4, 17, 32, 613, 80000, 80003, 80004, 80014);

    private FacebookAdsErrors() {}

    static String describe(int status, String body) {
        JsonNode error = error(body);
        if (error == null) {
            return RecordValues.abbreviate(body);
        }
        return RecordValues.abbreviate(error.path("type").asText() + " " + error.path("code").asText()
                + (error.hasNonNull("error_subcode") ? "/" + error.get("error_subcode").asText() : "") + ": "
                + error.path("message").asText());
    }

    static Optional<String> limitExceeded(int status, String body) {
        JsonNode error = error(body);
        if (error != null && LIMITS.contains(error.path("code").asInt())) {
            return Optional.of("a Marketing API rate limit: it frees up within the hour; the next run goes on from the"
                    + " last committed page");
        }
        return Optional.empty();
    }

    /**
     * The wait a throttled answer's headers ask for: the greatest {@code estimated_time_to_regain_access} (minutes)
     * of {@code x-business-use-case-usage}'s entries, or {@code x-ad-account-usage}'s {@code reset_time_duration}
     * (seconds), whichever is longer; empty when neither asks for a wait.
     */
    static Optional<Duration> askedWait(HttpResponse<String> response) {
        long seconds = 0;
        JsonNode businessUseCases = header(response, "x-business-use-case-usage");
        for (JsonNode entries : businessUseCases) {
            for (JsonNode entry : entries) {
                seconds = Math.max(seconds, 60 * entry.path("estimated_time_to_regain_access").asLong(0));
            }
        }
        seconds = Math.max(seconds, header(response, "x-ad-account-usage").path("reset_time_duration").asLong(0));
        return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    }

    private static JsonNode header(HttpResponse<String> response, String name) {
        try {
            return JSON.readTree(response.headers().firstValue(name).orElse("{}"));
        } catch (java.io.IOException notJson) {
            return JSON.missingNode();
        }
    }

    private static JsonNode error(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            return error.isObject() ? error : null;
        } catch (java.io.IOException notJson) {
            return null;
        }
    }
}
