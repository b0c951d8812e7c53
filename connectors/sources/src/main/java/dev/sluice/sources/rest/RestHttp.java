package dev.sluice.sources.rest;

import dev.sluice.spi.source.SourceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GETs pages over the JDK {@link HttpClient}, retrying what may pass on a second try: 429 (after its
 * {@code Retry-After}, in seconds or as an HTTP date, or else the backoff), 408, 5xx and broken connections
 * (after an exponential backoff: {@code backoff}, doubled each attempt, at most {@code maxBackoff}). Every
 * message names the method and path, never the query string (where an API key may be), and masks secrets.
 * Thread-safe.
 */
final class RestHttp {
    private final HttpClient client;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Map<String, String> headers;
    private final List<String> secrets;

    RestHttp(Duration timeout, int maxAttempts, Duration backoff, Duration maxBackoff, Map<String, String> headers,
            List<String> secrets) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.headers = headers;
        this.secrets = secrets;
    }

    /**
     * @param what names the request in messages, for example {@code stream invoices}
     * @return the body of a 2xx answer
     * @throws SourceException when the answer is another status after the retries, or the request cannot be sent
     */
    String get(URI uri, String what) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json").header("User-Agent", "sluice");
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        String where = what + ": GET " + uri.getPath();
        for (int attempt = 1; ; attempt++) {
            Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
            wait = wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
            String problem;
            int status = 0;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status / 100 == 2) {
                    return response.body();
                }
                problem = "answered " + status + ": " + RecordValues.abbreviate(response.body());
                if (status == 401 || status == 403) {
                    throw failure(where + " " + problem + " (check the auth settings)", status, null);
                }
                if (status != 429 && status != 408 && status < 500) {
                    throw failure(where + " " + problem, status, null);
                }
                if (status == 429) {
                    wait = retryAfter(response).orElse(wait);
                }
            } catch (IOException e) {
                problem = "failed: " + e;
                if (attempt >= maxAttempts) {
                    throw failure(where + " " + problem + " (after " + attempt + " attempts)", 0, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(where + " interrupted", 0, e);
            }
            if (attempt >= maxAttempts) {
                throw failure(where + " " + problem + " (after " + attempt + " attempts)", status, null);
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(where + " interrupted while waiting to retry", status, e);
            }
        }
    }

    private SourceException failure(String message, int status, Throwable cause) {
        return new SourceException(mask(message), null, status, cause);
    }

    String mask(String message) {
        String masked = message;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                masked = masked.replace(secret, "***");
            }
        }
        return masked;
    }

    static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }
}
