package dev.sluice.server.collect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.project.ProjectConfigReader;
import dev.sluice.engine.project.Yaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code collector:} section of a project's {@code sluice.yml}:
 *
 * <pre>{@code
 * collector:
 *   port: 8080                 # sluice serve --port overrides it
 *   load-interval: 10s         # ms, s, m
 *   spool: target/spool        # relative to the project
 *   trusted-proxies: [10.0.0.0/8]  # whose X-Forwarded-For sets context.ip; default none
 *   sources:
 *     web:
 *       write-key: ${env.WEB_WRITE_KEY}
 *       schema: rudder         # default: the source's name
 *       transformations: [drop_internal]   # transformations/*.js, run in this order before spooling
 *   transformations: ...       # settings per transformation, read by the transform package
 *   destinations: ...          # real-time destinations, read by the realtime package
 *   limits:                    # the defaults
 *     max-event-bytes: 32KB
 *     max-request-bytes: 4MB
 *     max-batch-events: 2500
 *     max-buffered-bytes: 64MB
 *     max-concurrent-requests: 128
 *     max-spool-bytes: 1GB
 *     body-timeout: 10s        # a body must arrive within body-timeout
 *     min-body-rate: 1KB       # plus 1 s per min-body-rate bytes received
 * }</pre>
 *
 * Thread-safe.
 */
public final class CollectorConfigReader {
    private static final Set<String> KEYS = Set.of("port", "load-interval", "spool", "sources", "limits",
            "transformations", "destinations", "trusted-proxies");
    private static final Set<String> SOURCE_KEYS = Set.of("write-key", "schema", "transformations");
    private static final Set<String> LIMIT_KEYS = Set.of("max-event-bytes", "max-request-bytes", "max-batch-events",
            "max-buffered-bytes", "max-spool-bytes", "max-concurrent-requests", "body-timeout", "min-body-rate");

    private final EnvironmentInterpolator interpolator;
    private final ConfigValues values;

    public CollectorConfigReader(EnvironmentInterpolator interpolator) {
        this.interpolator = interpolator;
        this.values = new ConfigValues(interpolator);
    }

    /** @throws SluiceException naming {@code sluice.yml} and the field that is wrong */
    public CollectorConfig read(Path projectDirectory) {
        JsonNode root = Yaml.read(projectDirectory.resolve(ProjectConfigReader.FILE_NAME), ProjectConfigReader.FILE_NAME);
        JsonNode collector = root.path("collector");
        if (!collector.isObject()) {
            throw error("collector", collector.isMissingNode()
                    ? "sluice.yml has no collector section; add one with at least one source and its write key"
                    : "expected a map with sources, limits, port, spool, load-interval");
        }
        checkKeys(collector, KEYS, "collector");
        List<EventSource> sources = sources(collector.path("sources"));
        CollectorLimits limits = limits(collector.path("limits"));
        int port = (int) values.number(collector.path("port"), "collector.port", CollectorConfig.DEFAULT_PORT);
        Path spool = projectDirectory.toAbsolutePath().normalize()
                .resolve(values.text(collector.path("spool"), "collector.spool", "target/spool"));
        Duration interval = values.duration(collector.path("load-interval"), "collector.load-interval",
                CollectorConfig.DEFAULT_LOAD_INTERVAL);
        TrustedProxies proxies = trustedProxies(collector.path("trusted-proxies"));
        try {
            return new CollectorConfig(port, sources, limits, spool, interval, proxies);
        } catch (IllegalArgumentException e) {
            throw error("collector", e.getMessage());
        }
    }

    private List<EventSource> sources(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw error("collector.sources", "expected a map of source name to {write-key, schema}, with at least one source");
        }
        List<EventSource> sources = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = "collector.sources." + entry.getKey();
            if (!entry.getValue().isObject()) {
                throw error(field, "expected a map with write-key and schema");
            }
            checkKeys(entry.getValue(), SOURCE_KEYS, field);
            String writeKey = values.text(entry.getValue().path("write-key"), field + ".write-key", null);
            if (writeKey == null || writeKey.isBlank()) {
                throw error(field + ".write-key", "every source needs a write key (SDKs send it as the Basic auth user)");
            }
            String schema = values.text(entry.getValue().path("schema"), field + ".schema", entry.getKey());
            sources.add(new EventSource(entry.getKey(), writeKey, schema,
                    names(entry.getValue().path("transformations"), field + ".transformations")));
        }
        return sources;
    }

    /** A list of names (or one name); empty when absent. */
    private List<String> names(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw error(field, "expected a list of transformation names, such as [drop_internal, rename_traits]");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.textValue().isBlank()) {
                throw error(field, "expected transformation names, got " + element);
            }
            names.add(element.textValue());
        }
        return names;
    }

    private TrustedProxies trustedProxies(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return TrustedProxies.NONE;
        }
        if (!node.isArray()) {
            throw error("collector.trusted-proxies", "expected a list of addresses and CIDR ranges, such as"
                    + " [10.0.0.0/8, 192.168.1.7]");
        }
        List<String> specs = new ArrayList<>();
        for (int index = 0; index < node.size(); index++) {
            specs.add(values.text(node.get(index), "collector.trusted-proxies[" + index + "]", ""));
        }
        try {
            return TrustedProxies.of(specs);
        } catch (IllegalArgumentException e) {
            throw error("collector.trusted-proxies", e.getMessage());
        }
    }

    private CollectorLimits limits(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return CollectorLimits.DEFAULTS;
        }
        if (!node.isObject()) {
            throw error("collector.limits", "expected a map such as {max-event-bytes: 32KB}");
        }
        checkKeys(node, LIMIT_KEYS, "collector.limits");
        CollectorLimits defaults = CollectorLimits.DEFAULTS;
        try {
            return new CollectorLimits(
                    intSize(node, "max-event-bytes", defaults.maxEventBytes()),
                    intSize(node, "max-request-bytes", defaults.maxRequestBytes()),
                    (int) values.number(node.path("max-batch-events"), "collector.limits.max-batch-events", defaults.maxBatchEvents()),
                    values.size(node.path("max-buffered-bytes"), "collector.limits.max-buffered-bytes", defaults.maxBufferedBytes()),
                    values.size(node.path("max-spool-bytes"), "collector.limits.max-spool-bytes", defaults.maxSpoolBytes()),
                    (int) values.number(node.path("max-concurrent-requests"), "collector.limits.max-concurrent-requests",
                            defaults.maxConcurrentRequests()),
                    values.duration(node.path("body-timeout"), "collector.limits.body-timeout", defaults.bodyTimeout()),
                    values.size(node.path("min-body-rate"), "collector.limits.min-body-rate", defaults.minBodyRate()));
        } catch (IllegalArgumentException e) {
            throw error("collector.limits", e.getMessage());
        }
    }

    private int intSize(JsonNode node, String key, int fallback) {
        long value = values.size(node.path(key), "collector.limits." + key, fallback);
        if (value > Integer.MAX_VALUE) {
            throw error("collector.limits." + key, "at most 2GB");
        }
        return (int) value;
    }





    private static void checkKeys(JsonNode node, Set<String> keys, String field) {
        node.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                throw error(field + "." + key, "unknown key; expected one of "
                        + String.join(", ", keys.stream().sorted().toList()));
            }
        });
    }

    private static SluiceException error(String field, String message) {
        return new SluiceException(ErrorCode.PROJECT_CONFIG, ProjectConfigReader.FILE_NAME + ": " + field + ": " + message);
    }
}
