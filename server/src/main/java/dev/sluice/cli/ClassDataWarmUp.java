package dev.sluice.cli;

import dev.sluice.engine.sql.CalciteFrontEnd;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseFactory;
import dev.sluice.spi.WarehouseSession;
import java.util.List;
import java.util.Map;

/**
 * Loads what most commands use but a command may not (Calcite's validator and lineage, DuckDB's driver), for the
 * run of {@code ./sluice} that writes the class-data archive ({@code -Dsluice.cds.dump=true}): a compile that read
 * every analysis from {@code target/} loads neither, and the archive would then lack them for {@code run}.
 * Failures are ignored: this only saves later commands time.
 */
final class ClassDataWarmUp {
    static final String PROPERTY = "sluice.cds.dump";

    private ClassDataWarmUp() {}

    static void runIfDumping() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        try {
            SqlCatalog catalog = new SqlCatalog("main");
            catalog.put(new SqlCatalog.Table("main", "events", "events", List.of(
                    new SqlCatalog.Column("id", "BIGINT", false), new SqlCatalog.Column("at", "TIMESTAMP", true))));
            CalciteFrontEnd frontEnd = new CalciteFrontEnd();
            frontEnd.validate(frontEnd.parse("select id, count(*) as n, max(at) as last_at from events"
                    + " where at > current_date group by id"), catalog, true);
        } catch (RuntimeException | LinkageError e) {
            // only a warm-up
        }
        WarehouseFactory duckDb = dev.sluice.spi.Warehouses.factories().get("duckdb");
        if (duckDb != null) {
            try (Warehouse warehouse = duckDb.open(Map.of("path", ":memory:"));
                    WarehouseSession session = warehouse.openSession();
                    WarehouseCursor cursor = session.query("select 1 as one")) {
                cursor.next();
            } catch (RuntimeException | LinkageError e) {
                // only a warm-up
            }
        }
    }
}
