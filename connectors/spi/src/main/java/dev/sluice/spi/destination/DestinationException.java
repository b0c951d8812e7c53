package dev.sluice.spi.destination;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link Destination#send} call, or opening a destination, failed as a whole. The message says what
 * the destination said, for a person; {@link #failure()} tells the engine what to do next.
 */
public class DestinationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final DestinationFailure failure;
    private final int httpStatus;
    private final String response;
    private final transient Duration retryAfter;

    /**
     * @param httpStatus the HTTP status, or 0 when there was none (a time-out, a bad setting)
     * @param response the response body, or {@code null}
     * @param retryAfter how long the destination asked us to wait ({@code Retry-After}), or {@code null}
     */
    public DestinationException(DestinationFailure failure, String message, int httpStatus, String response,
            Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.failure = requireNonNull(failure, "failure is null");
        this.httpStatus = httpStatus;
        this.response = response;
        this.retryAfter = retryAfter;
    }

    public DestinationException(DestinationFailure failure, String message) {
        this(failure, message, 0, null, null, null);
    }

    public DestinationFailure failure() {
        return failure;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String response() {
        return response;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
