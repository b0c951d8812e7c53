package dev.sluice.spi;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registry of {@link WarehouseFactory} implementations on the class path. Thread-safe. */
public final class Warehouses {
    private Warehouses() {}

    /** Every factory found, by type. */
    public static Map<String, WarehouseFactory> factories() {
        Map<String, WarehouseFactory> byType = new TreeMap<>();
        for (WarehouseFactory factory : ServiceLoader.load(WarehouseFactory.class)) {
            byType.put(factory.type(), factory);
        }
        return byType;
    }

    /**
     * Opens a warehouse of {@code type}.
     *
     * @throws WarehouseException when no connector serves the type, listing those that do
     */
    public static Warehouse open(String type, Map<String, String> settings) {
        return factory(type).open(settings);
    }

    /**
     * The factory of {@code type}.
     *
     * @throws WarehouseException when no connector serves the type, listing those that do
     */
    public static WarehouseFactory factory(String type) {
        Map<String, WarehouseFactory> factories = factories();
        WarehouseFactory factory = factories.get(type);
        if (factory == null) {
            throw new WarehouseException("no warehouse connector for type '" + type + "'; installed: "
                    + String.join(", ", factories.keySet()));
        }
        return factory;
    }
}
