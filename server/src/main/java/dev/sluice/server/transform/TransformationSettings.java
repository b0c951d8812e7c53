package dev.sluice.server.transform;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The limits and permissions of one transformation, from {@code collector.transformations.NAME} in
 * {@code sluice.yml}. Immutable.
 *
 * @param timeout how long one call ({@code transformEvent} for one event, {@code transformBatch} for
 *     one batch) may run before it is interrupted and its events are dead-lettered
 * @param statementLimit how many JavaScript statements one call may run; bounds loops and, with
 *     them, how much a call can allocate
 * @param fetchHosts the host names {@code fetch} may reach, lower case; empty: no {@code fetch} at all
 */
public record TransformationSettings(Duration timeout, long statementLimit, Set<String> fetchHosts) {
    /** RudderStack's limit per call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);
    public static final long DEFAULT_STATEMENT_LIMIT = 50_000_000L;
    public static final TransformationSettings DEFAULTS = new TransformationSettings(DEFAULT_TIMEOUT,
            DEFAULT_STATEMENT_LIMIT, Set.of());

    public TransformationSettings {
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (statementLimit < 1) {
            throw new IllegalArgumentException("statement limit must be at least 1, got " + statementLimit);
        }
        fetchHosts = requireNonNull(fetchHosts, "fetchHosts is null").stream()
                .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean fetchAllowed() {
        return !fetchHosts.isEmpty();
    }
}
