package dev.sluice.sources.internal;

import dev.sluice.spi.source.SourceException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends a source's requests over the JDK {@link HttpClient}, retrying what may pass on a second try: 429
 * (after its {@code Retry-After}, in seconds or as an HTTP date, or else the backoff), 408, 5xx and broken
 * connections (after the wait the answer asks for in the vendor's way, see {@link #askedWait}, or else an
 * exponential backoff: {@code backoff}, doubled each attempt, at most {@code maxBackoff}). Every message names the method and path, never the query string (where an API key may
 * be), and masks secrets. Thread-safe.
 */
public final class SourceHttp {
    private final HttpClient client;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Map<String, String> headers;
    /** Grows as tokens are obtained at run time; copy-on-write, as every message reads it. */
    private final List<String> secrets;
    private final BiFunction<Integer, String, String> describeError;
    private volatile BiFunction<Integer, String, Optional<String>> limitExceeded = (status, body) -> Optional.empty();
    private volatile Function<HttpResponse<String>, Optional<Duration>> askedWait = response -> Optional.empty();
    /** The longest wait a limit answer may ask for and still be waited out; a longer one fails at once. */
    public static final Duration MAX_ASKED_WAIT = Duration.ofMinutes(15);

    /**
     * @param headers sent with every request
     * @param secrets values to mask in every message
     */
    public SourceHttp(Duration timeout, int maxAttempts, Duration backoff, Duration maxBackoff, Map<String, String> headers,
            List<String> secrets) {
        this(timeout, maxAttempts, backoff, maxBackoff, headers, secrets, (status, body) -> RecordValues.abbreviate(body));
    }

    /**
     * @param describeError turns an error answer (status, body) into the text shown after
     *     {@code answered STATUS: }; a vendor's connector reads its error JSON here
     */
    public SourceHttp(Duration timeout, int maxAttempts, Duration backoff, Duration maxBackoff, Map<String, String> headers,
            List<String> secrets, BiFunction<Integer, String, String> describeError) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.headers = Map.copyOf(headers);
        this.secrets = new java.util.concurrent.CopyOnWriteArrayList<>(secrets);
        this.describeError = describeError;
    }

    /**
     * Reads the common {@code retry} ({@code max-attempts}, {@code backoff-millis}, {@code max-backoff-millis})
     * and {@code timeout-seconds} settings of a source.
     */
    public static SourceHttp read(Settings root, Map<String, String> headers, List<String> secrets,
            BiFunction<Integer, String, String> describeError) {
        Settings retry = root.map("retry", null).allowOnly(java.util.Set.of("max-attempts", "backoff-millis",
                "max-backoff-millis"));
        return new SourceHttp(Duration.ofSeconds(root.integer("timeout-seconds", 30, 1)),
                retry.integer("max-attempts", 5, 1), Duration.ofMillis(retry.integer("backoff-millis", 1000, 0)),
                Duration.ofMillis(retry.integer("max-backoff-millis", 60_000, 0)), headers, secrets, describeError);
    }

    /**
     * Masks {@code secret} (and its URL-encoded form) in every message from now on: for a token obtained at run
     * time (an OAuth access token), which the settings did not hold.
     */
    public void addSecret(String secret) {
        if (secret != null && !secret.isEmpty() && !secrets.contains(secret)) {
            secrets.add(secret);
            String encoded = encode(secret);
            if (!encoded.equals(secret)) {
                secrets.add(encoded);
            }
        }
    }

    /**
     * Recognizes an answer that reports a rate or request limit the API does not send as 429 (Salesforce's 403
     * {@code REQUEST_LIMIT_EXCEEDED}): {@code advice} answers what to tell the person for such an answer (status,
     * body), empty for any other. Such an answer fails at once, not retried, without the auth advice. Call before
     * the first request.
     */
    public SourceHttp limitExceeded(BiFunction<Integer, String, Optional<String>> advice) {
        this.limitExceeded = advice;
        return this;
    }

    /**
     * Reads the wait an error answer asks for in the vendor's own way (Google's {@code RetryInfo.retryDelay} in the
     * error's details, Facebook's {@code estimated_time_to_regain_access} in a header): a 429, 408 or 5xx is
     * retried after it instead of {@code Retry-After} or the backoff, and a limit answer ({@link #limitExceeded})
     * that asks for at most {@link #MAX_ASKED_WAIT} is retried after it instead of failing at once. Either way the
     * retry counts as an attempt. Call before the first request.
     */
    public SourceHttp askedWait(Function<HttpResponse<String>, Optional<Duration>> reader) {
        this.askedWait = reader;
        return this;
    }

    /** A 2xx answer. */
    public record Answer(String body, HttpHeaders headers) {}

    /**
     * GETs a page.
     *
     * @param what names the request in messages, for example {@code stream invoices}
     * @return the body of a 2xx answer
     * @throws SourceException when the answer is another status after the retries, or the request cannot be sent
     */
    public String get(URI uri, String what) {
        return send(HttpRequest.newBuilder(uri).GET(), Map.of(), what).body();
    }

    /** {@link #get(URI, String)} with more headers, keeping the answer's headers. */
    public Answer get(URI uri, Map<String, String> moreHeaders, String what) {
        return send(HttpRequest.newBuilder(uri).GET(), moreHeaders, what);
    }

    /** POSTs an {@code application/x-www-form-urlencoded} form, as OAuth token endpoints take it. */
    public Answer postForm(URI uri, Map<String, String> form, Map<String, String> moreHeaders, String what) {
        String body = form.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        return send(builder, moreHeaders, what);
    }

    /** POSTs a JSON body. */
    public Answer postJson(URI uri, String json, Map<String, String> moreHeaders, String what) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        return send(builder, moreHeaders, what);
    }

    private Answer send(HttpRequest.Builder builder, Map<String, String> moreHeaders, String what) {
        builder.timeout(timeout).header("Accept", "application/json").header("User-Agent", "sluice");
        headers.forEach(builder::header);
        moreHeaders.forEach(builder::header);
        HttpRequest request = builder.build();
        String where = what + ": " + request.method() + " " + request.uri().getPath();
        for (int attempt = 1; ; attempt++) {
            Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
            wait = wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
            String problem;
            int status = 0;
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status / 100 == 2) {
                    return new Answer(response.body(), response.headers());
                }
                problem = "answered " + status + ": " + describeError.apply(status, response.body());
                Optional<Duration> asked = askedWait.apply(response).filter(duration -> !duration.isNegative());
                Optional<String> limit = limitExceeded.apply(status, response.body());
                if (limit.isPresent()) {
                    if (asked.isEmpty() || asked.get().compareTo(MAX_ASKED_WAIT) > 0 || attempt >= maxAttempts) {
                        throw failure(where + " " + problem + " (" + limit.get() + asked.map(duration -> "; it asks to wait "
                                + describe(duration)).orElse("") + ")", status, null);
                    }
                    wait = asked.get();
                    sleep(wait, where, status);
                    continue;
                }
                if (status == 401 || status == 403) {
                    throw failure(where + " " + problem + " (check the auth settings)", status, null);
                }
                if (status != 429 && status != 408 && status < 500) {
                    throw failure(where + " " + problem, status, null);
                }
                if (asked.isPresent()) {
                    wait = asked.get();
                } else if (status == 429) {
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
            sleep(wait, where, status);
        }
    }

    private void sleep(Duration wait, String where, int status) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(where + " interrupted while waiting to retry", status, e);
        }
    }

    /** {@code 45 minutes}, {@code 30 seconds}, {@code 1.5 seconds}. */
    private static String describe(Duration duration) {
        if (duration.toSeconds() >= 120 && duration.toSecondsPart() == 0) {
            return duration.toMinutes() + " minutes";
        }
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " seconds";
    }

    private SourceException failure(String message, int status, Throwable cause) {
        return new SourceException(mask(message), null, status, cause);
    }

    /** The message with every secret replaced by {@code ***}. */
    public String mask(String message) {
        String masked = message;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                masked = masked.replace(secret, "***");
            }
        }
        return masked;
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public static Optional<Duration> retryAfter(HttpResponse<String> response) {
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
