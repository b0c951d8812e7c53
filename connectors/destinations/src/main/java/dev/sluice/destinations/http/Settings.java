package dev.sluice.destinations.http;

import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A destination's settings, with errors that name the setting. Immutable and thread-safe.
 *
 * @param type the destination type, for messages
 */
public record Settings(String type, Map<String, String> values) {
    public Settings {
        values = Map.copyOf(values);
    }

    /** @throws DestinationException ({@link DestinationFailure#INVALID_SETTINGS}) when it is missing or blank */
    public String required(String name, String hint) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw invalid(name + ": required (" + hint + ")");
        }
        return value;
    }

    public String optional(String name, String defaultValue) {
        String value = values.get(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    /** An http(s) URL without a trailing slash. */
    public URI url(String name, String defaultValue) {
        String text = defaultValue == null ? required(name, "an http(s) URL") : optional(name, defaultValue);
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw invalid(name + ": \"" + text + "\" is not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(name + ": \"" + text + "\" is not a URL: " + e.getReason());
        }
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(name + ": expected a whole number from " + min + " to " + max + ", got \"" + text + "\"");
    }

    public Duration timeout() {
        return Duration.ofSeconds(integer("timeout_seconds", 30, 1, 600));
    }

    /** Settings under {@code prefix.}, with the prefix removed, in order. */
    public Map<String, String> under(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix + ".")) {
                found.put(key.substring(prefix.length() + 1), value);
            }
        });
        return found;
    }

    public DestinationException invalid(String message) {
        return new DestinationException(DestinationFailure.INVALID_SETTINGS, type + " destination: " + message);
    }
}
