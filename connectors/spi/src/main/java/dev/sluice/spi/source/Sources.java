package dev.sluice.spi.source;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registry of {@link SourceFactory} implementations on the class path. Thread-safe. */
public final class Sources {
    private Sources() {}

    /** Every factory found, by type. */
    public static Map<String, SourceFactory> factories() {
        Map<String, SourceFactory> byType = new TreeMap<>();
        for (SourceFactory factory : ServiceLoader.load(SourceFactory.class)) {
            byType.put(factory.type(), factory);
        }
        return byType;
    }

    /**
     * Opens a source of {@code type}.
     *
     * @throws SourceException naming the {@code type} setting when no connector serves it (listing those
     *     that do), or a setting is wrong
     */
    public static Source open(String type, Map<String, Object> settings) {
        Map<String, SourceFactory> factories = factories();
        SourceFactory factory = factories.get(type);
        if (factory == null) {
            throw SourceException.invalidSettings("type", "no source connector for type '" + type + "'; installed: "
                    + String.join(", ", factories.keySet()));
        }
        return factory.open(settings);
    }
}
