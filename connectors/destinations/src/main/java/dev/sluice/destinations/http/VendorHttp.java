package dev.sluice.destinations.http;

import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One vendor's HTTP client, over the JDK's {@link HttpClient}: sends a request and turns what went
 * wrong into the {@link DestinationException} the engine acts on. Status codes map the same way for
 * every vendor unless it says otherwise: 401 and 403 stop the run, 429 waits ({@code Retry-After}
 * in seconds or as an HTTP date), 408 and 5xx are retried, other 4xx refuse the batch. A host that
 * cannot be reached (unknown, refusing connections, not connecting within the time-out) is
 * {@link DestinationFailure#UNREACHABLE}; a time-out or broken connection after that is
 * {@link DestinationFailure#TRANSIENT}.
 *
 * <p>Thread-safe: the JDK client is.
 */
public final class VendorHttp {
    private final String vendor;
    private final Duration timeout;
    private final HttpClient client;

    public VendorHttp(String vendor, Duration timeout) {
        this.vendor = vendor;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A request builder with the time-out and JSON content type set. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("User-Agent", "sluice");
    }

    /**
     * Sends and returns the response when its status is 2xx.
     *
     * @throws DestinationException for any other status, a time-out or a broken connection
     */
    public HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(request, "no connection within " + timeout.toSeconds() + " s", e);
        } catch (ConnectException e) {
            boolean unknownHost = false;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                unknownHost |= cause instanceof UnresolvedAddressException;
            }
            throw unreachable(request, unknownHost ? "unknown host " + request.uri().getHost()
                    : "connection refused by " + request.uri().getHost() + ":" + port(request.uri()), e);
        } catch (IOException e) {
            throw new DestinationException(DestinationFailure.TRANSIENT, vendor + ": " + request.method() + " "
                    + request.uri().getPath() + " failed: " + e, 0, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DestinationException(DestinationFailure.TRANSIENT, vendor + ": interrupted", 0, null, null, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw failure(response, classify(response.statusCode()));
        }
        return response;
    }

    private DestinationException unreachable(HttpRequest request, String why, IOException cause) {
        return new DestinationException(DestinationFailure.UNREACHABLE, vendor + ": " + request.method() + " "
                + request.uri().getPath() + " could not be sent: " + why, 0, null, null, cause);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The failure a status means for most vendors. */
    public static DestinationFailure classify(int status) {
        if (status == 401 || status == 403) {
            return DestinationFailure.AUTHENTICATION;
        }
        if (status == 429) {
            return DestinationFailure.RATE_LIMITED;
        }
        if (status == 408 || status >= 500) {
            return DestinationFailure.TRANSIENT;
        }
        return DestinationFailure.REJECTED;
    }

    public DestinationException failure(HttpResponse<String> response, DestinationFailure failure) {
        return new DestinationException(failure, vendor + " answered " + response.statusCode() + ": "
                + abbreviate(response.body()), response.statusCode(), response.body(),
                retryAfter(response).orElse(null), null);
    }

    static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
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

    public static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
