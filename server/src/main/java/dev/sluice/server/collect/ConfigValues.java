package dev.sluice.server.collect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.project.ProjectConfigReader;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads single values of the server's sections of {@code sluice.yml} (the collector, its destinations):
 * environment references substituted, whole numbers, sizes ({@code 32KB}) and durations ({@code 500ms}). A
 * wrong value is an error naming the field, and a value from the environment is never shown.
 *
 * <p>Thread-safe (immutable).
 */
public final class ConfigValues {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Long> UNITS = Map.of("B", 1L, "KB", 1024L, "MB", 1024L * 1024, "GB",
            1024L * 1024 * 1024);

    private final EnvironmentInterpolator interpolator;

    public ConfigValues(EnvironmentInterpolator interpolator) {
        this.interpolator = interpolator;
    }

    /** The value with {@code ${env.X}} substituted, or {@code fallback} when absent. */
    public String text(JsonNode node, String field, String fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            throw error(field, "expected a single value");
        }
        return interpolator.interpolate(node.asText(), ProjectConfigReader.FILE_NAME + ": " + field);
    }

    public long number(JsonNode node, String field, long fallback) {
        String text = text(node, field, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw error(field, "expected a whole number, got " + EnvironmentInterpolator.shown(node.asText(), text));
        }
    }

    /** Bytes, from {@code 32768}, {@code 32KB}, {@code 4MB} or {@code 1GB}. */
    public long size(JsonNode node, String field, long fallback) {
        String text = text(node, field, null);
        if (text == null) {
            return fallback;
        }
        Matcher matcher = SIZE.matcher(text.trim());
        if (!matcher.matches()) {
            throw error(field, "expected a size such as 32768, 32KB, 4MB or 1GB, got "
                    + EnvironmentInterpolator.shown(node.asText(), text));
        }
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        return Long.parseLong(matcher.group(1)) * UNITS.get(unit);
    }

    /** From {@code 500ms}, {@code 10s} or {@code 1m}. */
    public Duration duration(JsonNode node, String field, Duration fallback) {
        String text = text(node, field, null);
        if (text == null) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw error(field, "expected a duration such as 500ms, 10s or 1m, got "
                    + EnvironmentInterpolator.shown(node.asText(), text));
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    public static SluiceException error(String field, String message) {
        return new SluiceException(ErrorCode.PROJECT_CONFIG, ProjectConfigReader.FILE_NAME + ": " + field + ": " + message);
    }
}
