package dev.sluice.server.collect;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the collector knows about a request besides its body. Immutable.
 *
 * @param clientIp the address of the client (the request's, or a trusted proxy's {@code X-Forwarded-For}), put
 *     into {@code request_ip}, and into {@code context.ip} when the event has none
 * @param receivedAt the server clock when the request arrived
 * @param sentAtHeader the {@code SentAt} header some SDKs send instead of a body field, or {@code null}
 */
public record RequestInfo(String clientIp, Instant receivedAt, String sentAtHeader) {
    public RequestInfo {
        requireNonNull(receivedAt, "receivedAt is null");
    }
}
