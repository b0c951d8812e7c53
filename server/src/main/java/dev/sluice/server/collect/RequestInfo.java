package dev.sluice.server.collect;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the collector knows about a request besides its body. Immutable.
 *
 * @param clientIp the address the request came from, put into {@code context.ip} when the event has none
 * @param receivedAt the server clock when the request arrived
 * @param sentAtHeader the {@code SentAt} header some SDKs send instead of a body field, or {@code null}
 * @param receivedAtText {@code receivedAt} as every event of the request carries it, formatted once
 */
public record RequestInfo(String clientIp, Instant receivedAt, String sentAtHeader, String receivedAtText) {
    public RequestInfo {
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(receivedAtText, "receivedAtText is null");
    }

    public RequestInfo(String clientIp, Instant receivedAt, String sentAtHeader) {
        this(clientIp, receivedAt, sentAtHeader, Timestamps.format(requireNonNull(receivedAt, "receivedAt is null")));
    }
}
