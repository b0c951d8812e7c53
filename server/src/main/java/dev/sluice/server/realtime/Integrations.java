package dev.sluice.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * Whether an event goes to a destination, decided by the event's {@code integrations} object with
 * RudderStack's and Segment's semantics:
 * <ul>
 *   <li>no {@code integrations} object (or not an object): every destination;</li>
 *   <li>{@code "All"} sets the default for destinations not named, and is {@code true} when absent;
 *       an {@code "All"} that is not a boolean sends the event nowhere;</li>
 *   <li>a key names a destination by its display name ({@code "HubSpot"}, {@code "Customer.io"}) or by
 *       its own name in {@code sluice.yml}, compared without regard to case;</li>
 *   <li>{@code false} excludes it; {@code true} or an object (the destination's options) includes it;
 *       {@code null} or another value says nothing, and the default applies.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Integrations {
    /** The display names RudderStack and Segment use for the destination types Sluice has. */
    public static final Map<String, String> DISPLAY_NAMES = Map.of("webhook", "Webhook", "customerio", "Customer.io",
            "hubspot", "HubSpot", "salesforce", "Salesforce", "braze", "Braze");

    private Integrations() {}

    /**
     * @param integrations the event's {@code integrations} value; {@code null} or missing when it has none
     * @param destinationName the destination's name in {@code sluice.yml}
     * @param destinationType its connector type ({@code hubspot}); its display name is looked up from it
     */
    public static boolean allows(JsonNode integrations, String destinationName, String destinationType) {
        if (integrations == null || !integrations.isObject()) {
            return true;
        }
        boolean fallback = true;
        String displayName = DISPLAY_NAMES.getOrDefault(destinationType, destinationType);
        JsonNode named = null;
        for (Map.Entry<String, JsonNode> entry : integrations.properties()) {
            String key = entry.getKey();
            if (key.equals("All")) {
                if (!entry.getValue().isBoolean()) {
                    return false;
                }
                fallback = entry.getValue().booleanValue();
            } else if (named == null && (matches(key, displayName) || matches(key, destinationName))) {
                named = entry.getValue();
            }
        }
        if (named != null && named.isBoolean()) {
            return named.booleanValue();
        }
        if (named != null && named.isObject()) {
            return true;
        }
        return fallback;
    }

    private static boolean matches(String key, String name) {
        return name != null && key.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }
}
