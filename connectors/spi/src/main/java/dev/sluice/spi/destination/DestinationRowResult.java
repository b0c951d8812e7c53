package dev.sluice.spi.destination;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one record.
 *
 * @param key the record's {@link DestinationRecord#key()}
 * @param httpStatus the HTTP status that decided it, or 0 when there was none
 * @param response what the destination said about the record (an id, an error body), or {@code null}
 * @param error for a record that was not sent, why, for a person; {@code null} when sent
 */
public record DestinationRowResult(String key, DestinationRowStatus status, int httpStatus, String response,
        String error) {
    public DestinationRowResult {
        requireNonNull(key, "key is null");
        requireNonNull(status, "status is null");
        if (status != DestinationRowStatus.SENT && error == null) {
            throw new IllegalArgumentException("a record that was not sent needs an error: " + key);
        }
    }

    public static DestinationRowResult sent(String key, int httpStatus, String response) {
        return new DestinationRowResult(key, DestinationRowStatus.SENT, httpStatus, response, null);
    }

    public static DestinationRowResult rejected(String key, int httpStatus, String response, String error) {
        return new DestinationRowResult(key, DestinationRowStatus.REJECTED, httpStatus, response, error);
    }

    public static DestinationRowResult failed(String key, int httpStatus, String response, String error) {
        return new DestinationRowResult(key, DestinationRowStatus.FAILED, httpStatus, response, error);
    }
}
