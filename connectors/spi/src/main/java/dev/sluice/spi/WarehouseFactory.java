package dev.sluice.spi;

import java.util.Map;
import java.util.Optional;

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

    /**
     * Every setting a target of this type takes in {@code sluice.yml} besides {@code type}, so that the project's
     * reader can refuse a misspelt one with its line and the closest name before anything opens.
     *
     * @return empty when the connector does not declare them (the default): then only {@link #open} checks them
     */
    default java.util.Set<String> settingNames() {
        return java.util.Set.of();
    }

    /**
     * A warehouse that connects when its first session opens, for a command that may not need it at all (a
     * compile whose every answer about the catalog is recorded, see {@link #catalogStamp}). Its
     * {@link Warehouse#dialect()}, {@link Warehouse#sqlDialect()}, {@link Warehouse#capabilities()},
     * {@link Warehouse#defaultSchema()} and {@code quote} answer without connecting. The default connects now.
     *
     * @throws WarehouseException when a setting is wrong; a failure to connect is thrown by the first
     *     {@link Warehouse#openSession()}
     */
    default Warehouse openOnDemand(Map<String, String> settings) {
        return open(settings);
    }

    /**
     * A text that changes whenever the warehouse's catalog (its relations, their columns) may have changed,
     * read without connecting: two equal stamps of the same settings mean the catalog is the same. Called by any
     * thread, before the warehouse is opened and after it is closed.
     *
     * @return empty when the connector cannot tell without connecting (the default): then every compile asks the
     *     warehouse
     */
    default Optional<String> catalogStamp(Map<String, String> settings) {
        return Optional.empty();
    }
}
