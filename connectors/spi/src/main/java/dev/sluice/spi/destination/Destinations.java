package dev.sluice.spi.destination;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registry of {@link DestinationFactory} implementations on the class path. Thread-safe. */
public final class Destinations {
    private Destinations() {}

    /** Every factory found, by type. */
    public static Map<String, DestinationFactory> factories() {
        Map<String, DestinationFactory> byType = new TreeMap<>();
        for (DestinationFactory factory : ServiceLoader.load(DestinationFactory.class)) {
            byType.put(factory.type(), factory);
        }
        return byType;
    }

    /**
     * Opens a destination of {@code type}.
     *
     * @throws DestinationException with {@link DestinationFailure#INVALID_SETTINGS} when no connector
     *     serves the type (listing those that do) or a setting is wrong
     */
    public static Destination open(String type, Map<String, String> settings) {
        Map<String, DestinationFactory> factories = factories();
        DestinationFactory factory = factories.get(type);
        if (factory == null) {
            throw new DestinationException(DestinationFailure.INVALID_SETTINGS, "no destination connector for type '"
                    + type + "'; installed: " + String.join(", ", factories.keySet()));
        }
        return factory.open(settings);
    }
}
