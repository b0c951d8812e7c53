package dev.sluice.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.run.ModelRunResult.Status;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryWriterTest {
    @TempDir
    Path directory;
    TestProject project;
    /** Every statement the writer's sessions ran. */
    final List<String> statements = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        project = new TestProject(directory);
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void rowsRecordedTogetherAreOneInsertAndAllWrittenBeforeCloseReturns() {
        try (WarehouseSession caller = project.workspace().warehouse().openSession()) {
            RunHistoryWriter writer = new RunHistoryWriter(recording(project.workspace().warehouse()), "run-1", null);
            writer.record(result("a", Status.SUCCESS, null), caller);
            writer.record(result("b", Status.ERROR, "it's broken"), caller);
            writer.record(result("c", Status.SKIPPED, null), caller);
            writer.close();
        }

        assertThat(project.query("select model, status, error from sluice.run_history where run_id = 'run-1' order by model"))
                .containsExactly(Arrays.asList("a", "success", null), List.of("b", "error", "it's broken"),
                        Arrays.asList("c", "skipped", null));
        assertThat(statements.stream().filter(sql -> sql.startsWith("insert into"))).hasSize(1);
    }

    @Test
    void aRowIsWrittenWhileTheRunGoesOnNotOnlyAtTheEnd() throws Exception {
        try (WarehouseSession caller = project.workspace().warehouse().openSession()) {
            RunHistoryWriter writer = new RunHistoryWriter(recording(project.workspace().warehouse()), "run-2", null);
            writer.record(result("early", Status.SUCCESS, null), caller);
            // Not a timing check: the flush interval is a second; 30 s only keeps a broken writer from hanging the build.
            long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            // Polls the table, not the statement log: a statement is logged before it has run and committed.
            while (historyOfRun2().isEmpty()) {
                assertThat(System.nanoTime()).as("the row was never written while the run went on").isLessThan(giveUp);
                Thread.sleep(20);
            }
            assertThat(project.query("select model from sluice.run_history where run_id = 'run-2'"))
                    .containsExactly(List.of("early"));
            writer.record(result("late", Status.SUCCESS, null), caller);
            writer.close();
        }

        assertThat(project.query("select model from sluice.run_history where run_id = 'run-2' order by model"))
                .containsExactly(List.of("early"), List.of("late"));
    }

    @Test
    void aHistoryTableDroppedSinceAnEarlierRunOfThisProcessIsMadeAgain() {
        Warehouse warehouse = project.workspace().warehouse();
        try (WarehouseSession caller = warehouse.openSession()) {
            RunHistoryWriter first = new RunHistoryWriter(warehouse, "run-3", null);
            first.record(result("a", Status.SUCCESS, null), caller);
            first.close();
            caller.execute("drop table sluice.run_history");

            // The recording proxy is equal to the warehouse it wraps (equals is passed through), as the process sees it.
            RunHistoryWriter second = new RunHistoryWriter(recording(warehouse), "run-4", null);
            second.record(result("b", Status.SUCCESS, null), caller);
            second.close();
        }

        assertThat(project.query("select run_id, model from sluice.run_history")).containsExactly(List.of("run-4", "b"));
        // The second writer did not make sure of the table up front: its INSERT found it gone.
        assertThat(statements.stream().filter(sql -> sql.startsWith("create table"))).hasSize(1);
        assertThat(statements.stream().filter(sql -> sql.startsWith("insert into"))).hasSize(2);
    }

    private static ModelRunResult result(String model, Status status, String error) {
        Instant now = Instant.now();
        return new ModelRunResult(model, Materialization.TABLE, status, status == Status.SUCCESS ? 1L : null, now, now, error);
    }

    /** The rows of run-2 so far; none while the writer has not made its table yet. */
    private List<List<Object>> historyOfRun2() {
        try {
            return project.query("select model from sluice.run_history where run_id = 'run-2'");
        } catch (RuntimeException tableNotMadeYet) {
            return List.of();
        }
    }

    /** The warehouse, with every statement its sessions execute recorded. */
    private Warehouse recording(Warehouse warehouse) {
        return (Warehouse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Warehouse.class},
                (proxy, method, args) -> {
                    Object value = method.invoke(warehouse, args);
                    if (!method.getName().equals("openSession")) {
                        return value;
                    }
                    WarehouseSession session = (WarehouseSession) value;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WarehouseSession.class},
                            (sessionProxy, sessionMethod, sessionArgs) -> {
                                if (sessionMethod.getName().equals("execute")) {
                                    statements.add((String) sessionArgs[0]);
                                }
                                return sessionMethod.invoke(session, sessionArgs);
                            });
                });
    }
}
