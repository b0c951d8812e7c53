package dev.sluice.server.collect;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code collector:} section of {@code sluice.yml}. Immutable.
 *
 * @param port the HTTP port {@code sluice serve} listens on when {@code --port} is not given
 * @param sources in file order; write keys are unique
 * @param spoolDirectory absolute; where accepted events are kept until they are in the warehouse
 * @param loadInterval how often the loader moves spooled events to the warehouse
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} header sets {@code context.ip}
 */
public record CollectorConfig(int port, List<EventSource> sources, CollectorLimits limits, Path spoolDirectory,
        Duration loadInterval, TrustedProxies trustedProxies) {
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_LOAD_INTERVAL = Duration.ofSeconds(10);

    public CollectorConfig {
        sources = List.copyOf(sources);
        requireNonNull(limits, "limits is null");
        requireNonNull(spoolDirectory, "spoolDirectory is null");
        requireNonNull(loadInterval, "loadInterval is null");
        requireNonNull(trustedProxies, "trustedProxies is null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (loadInterval.isNegative() || loadInterval.isZero()) {
            throw new IllegalArgumentException("load interval must be positive, got " + loadInterval);
        }
        if (sources.stream().map(EventSource::writeKey).distinct().count() != sources.size()) {
            throw new IllegalArgumentException("two sources share a write key; each source needs its own");
        }
    }

    /** Trusting no proxy. */
    public CollectorConfig(int port, List<EventSource> sources, CollectorLimits limits, Path spoolDirectory,
            Duration loadInterval) {
        this(port, sources, limits, spoolDirectory, loadInterval, TrustedProxies.NONE);
    }

    /** The source whose write key this is; compares in constant time per source. */
    public Optional<EventSource> sourceForWriteKey(String writeKey) {
        if (writeKey == null) {
            return Optional.empty();
        }
        byte[] given = writeKey.getBytes(StandardCharsets.UTF_8);
        for (EventSource source : sources) {
            if (MessageDigest.isEqual(given, source.writeKey().getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    public CollectorConfig withPort(int newPort) {
        return new CollectorConfig(newPort, sources, limits, spoolDirectory, loadInterval, trustedProxies);
    }

    public CollectorConfig withLimits(CollectorLimits newLimits) {
        return new CollectorConfig(port, sources, newLimits, spoolDirectory, loadInterval, trustedProxies);
    }

    public CollectorConfig withTrustedProxies(TrustedProxies newTrustedProxies) {
        return new CollectorConfig(port, sources, limits, spoolDirectory, loadInterval, newTrustedProxies);
    }
}
