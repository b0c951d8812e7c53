package dev.sluice.server.realtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One real-time destination, {@code collector.destinations.NAME} in {@code sluice.yml}. Immutable.
 *
 * @param name its name in {@code sluice.yml}; also the key an event's {@code integrations} may use
 * @param type the connector type ({@code webhook}, {@code customerio}, ...), as in {@code syncs/*.yml}
 * @param settings the connector's settings, nested keys joined with dots, environment variables substituted
 * @param transformations run in this order on each event before it is mapped and delivered
 * @param templates payload template per event type ({@code track}, ...; {@code default} for the others);
 *     empty to send every event as it is
 * @param key the event field (a dotted path) whose value identifies the record to the connector
 * @param lanes how many requests are in flight at once; events of one user always share a lane
 * @param maxAttempts sends of one event before it becomes a dead letter
 * @param backoff the first wait before a retry; it doubles up to {@code maxBackoff}
 * @param fromEnvironment the texts {@code ${env.NAME}} references in the settings put there: they may be
 *     secret, and are kept out of every message
 */
public record DestinationConfig(String name, String type, Map<String, String> settings, List<String> transformations,
        Map<String, String> templates, String key, int lanes, int maxAttempts, Duration backoff, Duration maxBackoff,
        Set<String> fromEnvironment) {
    public static final String DEFAULT_KEY = "messageId";
    public static final int DEFAULT_LANES = 8;
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** The template key used for event types without their own template. */
    public static final String DEFAULT_TEMPLATE = "default";

    public DestinationConfig {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        transformations = List.copyOf(transformations);
        templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
        requireNonNull(key, "key is null");
        requireNonNull(backoff, "backoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        fromEnvironment = Set.copyOf(fromEnvironment);
        if (lanes < 1 || lanes > 256) {
            throw new IllegalArgumentException("lanes must be 1..256, got " + lanes);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, got " + maxAttempts);
        }
        if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and at most max-backoff, got " + backoff
                    + " and " + maxBackoff);
        }
    }

    /** The {@code sluice.yml} field of one of its keys, for messages. */
    public String where(String field) {
        return "collector.destinations." + name + (field.isEmpty() ? "" : "." + field);
    }
}
