package dev.sluice.duckdb;

import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a whole (small) result into memory, for assertions. */
final class Rows {
    private Rows() {}

    static List<List<Object>> of(WarehouseSession session, String sql, Object... parameters) {
        List<List<Object>> rows = new ArrayList<>();
        try (WarehouseCursor cursor = session.query(sql, Arrays.asList(parameters))) {
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (int index = 0; index < cursor.columns().size(); index++) {
                    row.add(cursor.get(index));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The single value of a one-row, one-column query. */
    static Object single(WarehouseSession session, String sql, Object... parameters) {
        List<List<Object>> rows = of(session, sql, parameters);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).get(0);
    }
}
