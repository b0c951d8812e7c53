package dev.sluice.conformance;

import dev.sluice.engine.Workspace;
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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A project written to a temporary folder whose one target is the warehouse under test. Tests write
 * files, then run through {@link Workspace}, exactly as the CLI does. Not thread-safe.
 */
final class ConformanceProject implements AutoCloseable {
    private final Path directory;
    private Workspace workspace;

    /**
     * @param dialect the dialect the models are written in: the warehouse's own, so they run as written
     * @param target the target's settings, {@code type} included
     */
    ConformanceProject(Path directory, String dialect, Map<String, String> target) {
        this.directory = directory;
        String settings = yaml(target);
        // The same warehouse through a PausingWarehouse: what a child JVM that a test kills works on.
        Map<String, String> paused = new java.util.TreeMap<>(target);
        paused.put("delegate", paused.put("type", "pausing"));
        file("sluice.yml", """
                name: conformance
                dialect: %s
                target: main
                targets:
                  main:
                %s
                    schema: analytics
                  paused:
                %s
                    schema: analytics
                seeds:
                  schema: raw
                sources:
                  raw:
                    schema: raw
                    tables:
                      - orders
                      - docs
                """.formatted(dialect, settings, yaml(paused)));
    }

    private static String yaml(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(entry -> "    " + entry.getKey() + ": \"" + entry.getValue().replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining("\n"));
    }

    Path directory() {
        return directory;
    }

    /** Closes the connection to the warehouse until the next call needs it: a DuckDB file is then free for a child JVM. */
    void release() {
        closeWorkspace();
    }

    ConformanceProject file(String path, String text) {
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

    Workspace workspace() {
        if (workspace == null) {
            workspace = Workspace.open(directory, null);
        }
        return workspace;
    }

    RunResult run(String... selectors) {
        try {
            return workspace().run(new RunOptions(List.of(selectors), List.of(), 2, false), RunListener.NONE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    RunResult test(String... selectors) {
        try {
            return workspace().test(List.of(selectors), List.of(), RunListener.NONE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String... statements) {
        try (WarehouseSession session = workspace().warehouse().openSession()) {
            for (String statement : statements) {
                session.execute(statement);
            }
        }
    }

    /** The rows of a query, each as a list of values. */
    List<List<Object>> query(String sql) {
        try (WarehouseSession session = workspace().warehouse().openSession(); WarehouseCursor cursor = session.query(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (int index = 0; index < cursor.columns().size(); index++) {
                    row.add(cursor.get(index));
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
