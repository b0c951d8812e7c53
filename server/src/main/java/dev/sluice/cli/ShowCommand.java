package dev.sluice.cli;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice show}: a preview of the rows a model's query returns, or an inline query's, compiled against the
 * project (as {@code dbt show}); nothing is built.
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Preview the rows a model's query returns, compiled as the project compiles it; nothing is built.",
                "With --inline, a query of your own with ref(), source(), var() and macros: sluice show --inline"
                        + " 'select * from ${ref(\"users\")}'."})
final class ShowCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(paramLabel = "MODEL", arity = "0..1", description = "The model whose query to preview.")
    String model;

    @Option(names = "--inline", paramLabel = "SQL", description = "A query to compile against the project instead of a model.")
    String inline;

    @Option(names = "--format", description = "table (default), csv or json.")
    SqlCommand.Format format = SqlCommand.Format.table;

    int limit = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", description = "Rows to show, at least 1 (default: 5).")
    void limit(int value) {
        if (value < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--limit: expected at least 1 row, got " + value);
        }
        limit = value;
    }

    @Override
    public Integer call() throws Exception {
        if ((model == null) == (inline == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), model == null
                    ? "name a model (sluice show MODEL) or pass --inline SQL"
                    : "name a model or pass --inline, not both");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = projectOptions.open()) {
            String query = workspace.query(model, inline, Runtime.getRuntime().availableProcessors());
            // One row more than shown says whether there are more; as dbt show, the limit wraps the query.
            String limited = "select * from (\n" + query + "\n) as sluice_show limit " + (limit + 1);
            try (WarehouseSession session = workspace.warehouse().openSession();
                    WarehouseCursor cursor = session.query(limited)) {
                List<String> names = cursor.columns().stream().map(WarehouseColumn::name).toList();
                switch (format) {
                    case table -> SqlCommand.printTable(cursor, names, out, limit);
                    case csv -> SqlCommand.printCsv(cursor, names, out, limit);
                    case json -> SqlCommand.printJson(cursor, names, out, limit);
                }
            } catch (dev.sluice.spi.WarehouseException e) {
                throw new SluiceException(ErrorCode.WAREHOUSE, (model != null ? "model " + model : "the inline query")
                        + " failed in the warehouse: " + e.getMessage(), e);
            }
            out.flush();
            return 0;
        }
    }
}
