package dev.sluice.engine.unittest;

import dev.sluice.engine.model.SqlLiterals;

import static dev.sluice.engine.model.Identifiers.identifier;

import dev.sluice.engine.project.UnitTestSpec;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Compares {@code __sluice_actual} with a unit test's expected rows, as multisets on the expected columns. */
final class Expectations {
    private Expectations() {}

    /** The differing rows as text lines (a header first), or an empty list when they match. */
    static List<String> diff(WarehouseSession session, UnitTestSpec spec, int limit) {
        Set<String> columns = new LinkedHashSet<>();
        spec.expected().forEach(row -> columns.addAll(row.keySet()));
        List<String> actualColumns;
        try (WarehouseCursor cursor = session.query("select * from __sluice_actual limit 0")) {
            actualColumns = cursor.columns().stream().map(WarehouseColumn::name).toList();
        }
        if (columns.isEmpty()) {
            columns.addAll(actualColumns);
        }
        Set<String> lower = actualColumns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (String column : columns) {
            if (!lower.contains(column.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("expected column \"" + column + "\" is not among the model's columns "
                        + actualColumns);
            }
        }
        String list = columns.stream().map(c -> identifier(c)).collect(Collectors.joining(", "));
        session.execute("create table __sluice_expected as select " + list + " from __sluice_actual where false");
        for (Map<String, Object> row : spec.expected()) {
            session.execute("insert into __sluice_expected (" + row.keySet().stream().map(c -> identifier(c))
                    .collect(Collectors.joining(", ")) + ") values (" + row.values().stream().map(SqlLiterals::of)
                    .collect(Collectors.joining(", ")) + ")");
        }
        String sql = "select 'missing' as diff, * from (select " + list + " from __sluice_expected except all select "
                + list + " from __sluice_actual) union all select 'unexpected' as diff, * from (select " + list
                + " from __sluice_actual except all select " + list + " from __sluice_expected) order by all limit " + limit;
        List<String> lines = new ArrayList<>();
        try (WarehouseCursor cursor = session.query(sql)) {
            while (cursor.next()) {
                if (lines.isEmpty()) {
                    lines.add("  " + cursor.columns().stream().map(WarehouseColumn::name).collect(Collectors.joining(" | ")));
                }
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < cursor.columns().size(); i++) {
                    cells.add(String.valueOf(cursor.get(i)));
                }
                lines.add("  " + String.join(" | ", cells));
            }
        }
        return lines;
    }
}
