package dev.sluice.engine;

import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A project written to a temporary folder, run on a real DuckDB file inside it. Tests write
 * files, then compile and run through {@link Workspace}, exactly as the CLI does.
 */
public final class TestProject implements AutoCloseable {
    /** The sluice.yml every test project starts with: a DuckDB target, the raw source, one var. */
    public static final String SLUICE_YML = """
            name: test
            targets:
              duckdb:
                path: target/test.duckdb
            sources:
              raw:
                schema: raw
                tables:
                  - name: orders
                    columns: {id: BIGINT, customer_id: BIGINT, amount: "DECIMAL(10,2)", status: VARCHAR, ordered_at: TIMESTAMP}
                  - customers
            vars:
              min_amount: 10
            """;

    private final Path directory;
    private Workspace workspace;
    private String target;

    public TestProject(Path directory) {
        this.directory = directory;
        file("sluice.yml", SLUICE_YML);
    }

    /** Uses this target from now on instead of the default one. */
    public TestProject target(String name) {
        closeWorkspace();
        target = name;
        return this;
    }

    public Path directory() {
        return directory;
    }

    public TestProject file(String path, String text) {
        try {
            Path file = directory.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closeWorkspace();
        return this;
    }

    public Workspace workspace() {
        if (workspace == null) {
            workspace = Workspace.open(directory, target);
        }
        return workspace;
    }

    /** Creates raw.orders and raw.customers with a few rows. */
    public TestProject withRawData() {
        execute("create schema if not exists raw");
        execute("create or replace table raw.orders (id bigint, customer_id bigint, amount decimal(10,2), status varchar,"
                + " ordered_at timestamp)");
        execute("insert into raw.orders values (1, 10, 25.00, 'paid', '2026-11-01 10:00'), (2, 10, 5.00, 'paid',"
                + " '2026-11-02 11:00'), (3, 20, 40.00, 'refunded', '2026-11-03 12:00')");
        execute("create or replace table raw.customers (id bigint, email varchar)");
        execute("insert into raw.customers values (10, 'ada@example.com'), (20, 'grace@example.com')");
        return this;
    }

    public CompiledProject compile() {
        try {
            return workspace().compile(new CompileOptions(false, 2));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public RunResult run(String... selectors) {
        return run(new RunOptions(List.of(selectors), List.of(), 2, false), RunListener.NONE);
    }

    public RunResult run(RunOptions options, RunListener listener) {
        try {
            return workspace().run(options, listener);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) {
        try (WarehouseSession session = workspace().warehouse().openSession()) {
            session.execute(sql);
        }
    }

    /** The rows of a query, each as a list of values. */
    public List<List<Object>> query(String sql) {
        try (WarehouseSession session = workspace().warehouse().openSession(); WarehouseCursor cursor = session.query(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < cursor.columns().size(); i++) {
                    row.add(cursor.get(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private void closeWorkspace() {
        if (workspace != null) {
            workspace.close();
            workspace = null;
        }
    }

    @Override
    public void close() {
        closeWorkspace();
    }
}
