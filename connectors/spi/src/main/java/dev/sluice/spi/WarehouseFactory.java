package dev.sluice.spi;

import java.util.Map;

/**
 * Creates warehouses of one type. Implementations are found through {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/dev.sluice.spi.WarehouseFactory}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface WarehouseFactory {
    /** The target {@code type} in {@code sluice.yml} this factory serves, for example {@code duckdb}. */
    String type();

    /**
     * Opens a warehouse.
     *
     * @param settings the target's settings from {@code sluice.yml}, environment variables already
     *     substituted; {@code projectDirectory} is added by the engine so relative paths resolve
     * @throws WarehouseException when it cannot connect, naming the setting that is wrong
     */
    Warehouse open(Map<String, String> settings);
}
