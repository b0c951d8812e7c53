package dev.sluice.duckdb;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh in-memory DuckDB warehouse and one session per test. */
abstract class InMemoryDuckDb {
    Warehouse warehouse;
    WarehouseSession session;

    @BeforeEach
    void openWarehouse() {
        warehouse = Warehouses.open("duckdb", Map.of("path", ":memory:"));
        session = warehouse.openSession();
    }

    @AfterEach
    void closeWarehouse() {
        session.close();
        warehouse.close();
    }
}
