package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sluice.engine.Workspace;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run a query against the target: a table for people, --format csv or json for scripts.")
final class SqlCommand implements Callable<Integer> {
    enum Format { table, csv, json }

    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(paramLabel = "QUERY", description = "The SQL to run; - reads it from standard input.")
    String query;

    @Option(names = "--format", description = "table (default), csv or json.")
    Format format = Format.table;

    int limit = 1000;

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N",
            description = "At most this many rows in table format, at least 1 (default: 1000).")
    void limit(int value) {
        if (value < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--limit: expected at least 1 row, got " + value);
        }
        limit = value;
    }

    @Override
    public Integer call() throws Exception {
        String sql = query.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : query;
        PrintWriter out = spec.commandLine().getOut();
        if (!returnsRows(sql)) {
            try (Workspace workspace = projectOptions.open();
                    WarehouseSession session = workspace.warehouse().openSession()) {
                long changed = session.execute(sql);
                out.println(changed < 0 ? "OK" : "OK, " + changed + " row" + (changed == 1 ? "" : "s") + " changed");
                return 0;
            }
        }
        try (Workspace workspace = projectOptions.open();
                WarehouseSession session = workspace.warehouse().openSession();
                WarehouseCursor cursor = session.query(sql)) {
            List<String> names = cursor.columns().stream().map(WarehouseColumn::name).toList();
            switch (format) {
                case table -> printTable(cursor, names, out, limit);
                case csv -> printCsv(cursor, names, out, Long.MAX_VALUE);
                case json -> printJson(cursor, names, out, Long.MAX_VALUE);
            }
            out.flush();
            return 0;
        }
    }

    /** Whether a statement is a query (its rows are printed) rather than DDL or DML (a count is printed). */
    static boolean returnsRows(String sql) {
        String first = sql.stripLeading().replaceAll("^(--[^\\n]*\\n\\s*)+", "").split("[\\s(]", 2)[0]
                .toLowerCase(java.util.Locale.ROOT);
        return java.util.Set.of("select", "with", "from", "values", "table", "describe", "show", "summarize", "pragma",
                "explain", "pivot", "unpivot").contains(first);
    }

    /** Prints at most {@code limit} rows as a table, and says when there were more. */
    static void printTable(WarehouseCursor cursor, List<String> names, PrintWriter out, int limit) {
        TextTable table = new TextTable(names);
        int rows = 0;
        boolean more = false;
        while (cursor.next()) {
            if (rows == limit) {
                more = true;
                break;
            }
            List<String> row = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                Object value = cursor.get(i);
                row.add(value == null ? "NULL" : Console.cell(value));
            }
            table.add(row);
            rows++;
        }
        table.print(out);
        out.printf("(%d row%s%s)%n", rows, rows == 1 ? "" : "s", more ? ", more not shown; raise --limit" : "");
    }

    /** Prints at most {@code limit} rows as CSV with a header. */
    static void printCsv(WarehouseCursor cursor, List<String> names, PrintWriter out, long limit) {
        out.println(String.join(",", names.stream().map(SqlCommand::csvCell).toList()));
        for (long row = 0; row < limit && cursor.next(); row++) {
            List<String> cells = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                Object value = cursor.get(i);
                cells.add(value == null ? "" : csvCell(Console.cell(value)));
            }
            out.println(String.join(",", cells));
        }
    }

    private static String csvCell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** Prints at most {@code limit} rows as a JSON array of objects. */
    static void printJson(WarehouseCursor cursor, List<String> names, PrintWriter out, long limit) throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartArray();
            for (long row = 0; row < limit && cursor.next(); row++) {
                json.writeStartObject();
                for (int i = 0; i < names.size(); i++) {
                    json.writeFieldName(names.get(i));
                    mapper.writeValue(json, cursor.get(i));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        out.println();
    }
}
