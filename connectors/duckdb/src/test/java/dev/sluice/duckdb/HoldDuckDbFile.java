package dev.sluice.duckdb;

import dev.sluice.spi.Warehouse;
import java.util.Map;

/**
 * Run in a child JVM by {@link DuckDbFileTest}: opens the DuckDB file named by the first argument,
 * prints {@value #READY}, and holds the file until its standard input closes (the parent ends it).
 */
public final class HoldDuckDbFile {
    static final String READY = "holding";

    private HoldDuckDbFile() {}

    public static void main(String[] arguments) throws Exception {
        try (Warehouse warehouse = new DuckDbWarehouseFactory().open(Map.of("path", arguments[0]))) {
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to close our input
            }
        }
    }
}
