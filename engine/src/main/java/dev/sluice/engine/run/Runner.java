package dev.sluice.engine.run;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.datatest.DataTest;
import dev.sluice.engine.datatest.DataTestResult;
import dev.sluice.engine.datatest.DataTestRunner;
import dev.sluice.engine.datatest.DataTests;
import dev.sluice.engine.graph.DagExecutor;
import dev.sluice.engine.graph.DagExecutor.Outcome;
import dev.sluice.engine.graph.Selection;
import dev.sluice.engine.materialize.MaterializeRequest;
import dev.sluice.engine.materialize.Materializations;
import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.run.ModelRunResult.Status;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.unittest.UnitTestRunner;
import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the selected models of a compiled project in dependency order, independent ones in
 * parallel, optionally running each model's data tests right after it ({@code sluice build}). A
 * model that fails (or did not compile, or whose error-severity tests fail) marks its descendants
 * skipped; unrelated models still run. Each result is written to {@link RunHistory} as it happens.
 *
 * <p>Thread-safe: each call uses its own worker threads and sessions.
 */
public final class Runner {
    private final Warehouse warehouse;
    /** The input versions of the models that declare one; made sure of once per run. */
    private final InputVersions inputVersions = new InputVersions();

    public Runner(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** @throws dev.sluice.engine.SluiceException when a selector matches nothing */
    public RunResult run(CompiledProject project, RunOptions options, RunListener listener) throws InterruptedException {
        return run(project, options, listener, options.state() == null ? null : SavedState.fingerprints(options.state()));
    }

    /**
     * @param state the saved fingerprints for {@code state:} selectors, read before this compile
     *     overwrote the manifest; {@code null} when none
     */
    public RunResult run(CompiledProject project, RunOptions options, RunListener listener, Map<String, String> state)
            throws InterruptedException {
        List<String> selected = Selection.select(project.graph(), project.selectable(), options.selectors(),
                options.excludes(), state);
        Map<String, List<DataTest>> testsByModel = options.withTests()
                ? selectedTests(project, Set.copyOf(selected), false).stream().filter(test -> test.attachedTo() != null)
                        .collect(Collectors.groupingBy(DataTest::attachedTo))
                : Map.of();
        String runId = UUID.randomUUID().toString();
        Instant start = Instant.now();
        try (RunHistoryWriter history = new RunHistoryWriter(warehouse, runId,
                testsByModel.isEmpty() ? null : DataTestRunner::ensureTables)) {
            return run(project, options, listener, selected, testsByModel, runId, start, history);
        }
    }

    private RunResult run(CompiledProject project, RunOptions options, RunListener listener, List<String> selected,
            Map<String, List<DataTest>> testsByModel, String runId, Instant start, RunHistoryWriter history)
            throws InterruptedException {
        listener.runStarted(runId, selected.size());
        List<DataTestResult> testResults = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<WarehouseSession> sessions = new ThreadLocal<>();
        List<WarehouseSession> opened = Collections.synchronizedList(new ArrayList<>());
        Map<String, Outcome<ModelRunResult>> outcomes;
        Set<String> readySchemas = ensureSchemas(project, selected, runId);
        try {
            outcomes = DagExecutor.execute(project.graph(), new LinkedHashSet<>(selected), options.threads(), name -> {
                WarehouseSession session = sessions.get();
                if (session == null) {
                    session = warehouse.openSession();
                    sessions.set(session);
                    opened.add(session);
                }
                listener.modelStarted(name);
                session.tag(project.project().config().name(), name, runId);
                ModelRunResult result = build(project, project.models().get(name), options, session, readySchemas);
                List<DataTestResult> tests = new ArrayList<>();
                for (DataTest test : testsByModel.getOrDefault(name, List.of())) {
                    DataTestResult tested = result.status() == Status.SUCCESS
                            ? DataTestRunner.run(session, runId, test)
                            : DataTestRunner.skip(session, runId, test, "model " + name + " did not build");
                    tests.add(tested);
                    listener.testFinished(tested);
                }
                testResults.addAll(tests);
                List<String> failedTests = tests.stream().filter(DataTestResult::failsRun).map(t -> t.test().name())
                        .toList();
                if (result.status() == Status.SUCCESS && !failedTests.isEmpty()) {
                    result = new ModelRunResult(result.model(), result.kind(), Status.TESTS_FAILED, result.rows(),
                            result.started(), result.ended(), "tests failed: " + String.join(", ", failedTests));
                }
                history.record(result, session);
                listener.modelFinished(result);
                if (result.status() != Status.SUCCESS) {
                    throw new ModelFailedException(result);
                }
                return result;
            });
        } finally {
            opened.forEach(WarehouseSession::close);
        }
        List<ModelRunResult> results = new ArrayList<>();
        List<ModelRunResult> skipped = new ArrayList<>();
        for (Outcome<ModelRunResult> outcome : outcomes.values()) {
            switch (outcome.status()) {
                case SUCCESS -> results.add(outcome.result());
                case FAILED -> results.add(outcome.failure() instanceof ModelFailedException failed ? failed.result
                        : unexpected(project.models().get(outcome.node()), outcome.failure()));
                case SKIPPED -> skipped.add(new ModelRunResult(outcome.node(),
                        project.models().get(outcome.node()).definition().materialization(), Status.SKIPPED, null, null,
                        null, "skipped because " + outcome.skippedBecauseOf() + " failed"));
            }
        }
        if (!skipped.isEmpty()) {
            try (WarehouseSession session = warehouse.openSession()) {
                for (ModelRunResult result : skipped) {
                    history.record(result, session);
                    listener.modelFinished(result);
                    for (DataTest test : testsByModel.getOrDefault(result.model(), List.of())) {
                        DataTestResult tested = DataTestRunner.skip(session, runId, test, result.error());
                        testResults.add(tested);
                        listener.testFinished(tested);
                    }
                }
            }
            results.addAll(skipped);
        }
        return new RunResult(runId, results, testResults, Duration.between(start, Instant.now()));
    }

    /**
     * Runs the data tests of the selected models against what is in the warehouse ({@code sluice test}),
     * with source freshness checks when nothing is selected.
     */
    public RunResult test(CompiledProject project, List<String> selectors, List<String> excludes, RunListener listener) {
        List<String> selected = Selection.select(project.graph(), project.selectable(), selectors, excludes);
        List<DataTest> tests = selectedTests(project, Set.copyOf(selected), selectors.isEmpty() && excludes.isEmpty());
        String runId = UUID.randomUUID().toString();
        Instant start = Instant.now();
        List<DataTestResult> results = new ArrayList<>();
        long unitTests = project.project().unitTests().stream().filter(unit -> selected.contains(unit.model())).count();
        listener.runStarted(runId, (int) unitTests + tests.size());
        try (WarehouseSession session = warehouse.openSession()) {
            DataTestRunner.ensureTables(session);
            // Unit tests first: they run on their own in-memory database and say whether the SQL is right.
            for (DataTestResult unit : UnitTestRunner.run(project, selected)) {
                DataTestRunner.record(session, runId, unit);
                results.add(unit);
                listener.testFinished(unit);
            }
            for (DataTest test : tests) {
                DataTestResult result = DataTestRunner.run(session, runId, test);
                results.add(result);
                listener.testFinished(result);
            }
        }
        return new RunResult(runId, List.of(), results, Duration.between(start, Instant.now()));
    }

    /** Tests that read a selected model; source checks too when {@code withSources}. */
    private static List<DataTest> selectedTests(CompiledProject project, Set<String> selected, boolean withSources) {
        return DataTests.of(project).stream()
                .filter(test -> test.models().isEmpty() ? withSources : test.models().stream().anyMatch(selected::contains))
                .toList();
    }

    /**
     * Creates the schemas the selected models build in, once for the run and before any model, except those the
     * compile saw a relation in; returns every schema the models may then take as existing. One statement per
     * missing schema for the run, instead of one per schema on every worker's session.
     */
    private Set<String> ensureSchemas(CompiledProject project, List<String> selected, String runId) {
        Set<String> schemas = new LinkedHashSet<>();
        for (String name : selected) {
            CompiledModel model = project.models().get(name);
            if (model != null && !model.hasErrors() && !model.definition().isEphemeral()) {
                schemas.add(model.definition().relation().schema());
            }
        }
        List<String> missing = schemas.stream().filter(schema -> !project.described().schemaExists(schema)).toList();
        if (!missing.isEmpty()) {
            try (WarehouseSession session = warehouse.openSession()) {
                session.tag(project.project().config().name(), null, runId);
                missing.forEach(session::createSchema);
            }
        }
        return schemas;
    }

    private ModelRunResult build(CompiledProject project, CompiledModel model, RunOptions options,
            WarehouseSession session, Set<String> readySchemas) {
        Materialization kind = model.definition().materialization();
        Instant started = Instant.now();
        if (model.hasErrors()) {
            String errors = model.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                    .map(Diagnostic::format).collect(Collectors.joining("\n"));
            return new ModelRunResult(model.name(), kind, Status.ERROR, null, started, Instant.now(),
                    "did not compile:\n" + errors + ownTableHint(project, model, options));
        }
        boolean addsToTable = addsToTable(model);
        // As the compile found it, so the run agrees with the model's is_incremental().
        RelationName relation = model.definition().relation();
        boolean incremental = addsToTable && !options.fullRefresh() && (project.described().asked(relation)
                ? project.described().isTable(relation)
                : session.describe(relation).map(found -> found.kind() == RelationKind.TABLE).orElse(false));
        MaterializeRequest request = new MaterializeRequest(relation, model.compiledSql(),
                model.definition().config().uniqueKey(), incremental, warehouse.sqlDialect(), warehouse.capabilities(),
                model.definition().config().snapshot(), model.definition().config().iterative(),
                model.definition().config().deleteFlag(), readySchemas.contains(relation.schema()));
        try {
            String inputVersion = model.definition().config().inputVersion();
            String version = null;
            if (inputVersion != null) {
                // Asked before the build: what it reads is at most this new. The same version as the last
                // successful build means the same inputs: an incremental build would add nothing.
                version = InputVersions.current(session, inputVersion, model.compiledSql());
                if (incremental && inputVersions.recorded(session, model.name()).filter(version::equals).isPresent()) {
                    return new ModelRunResult(model.name(), kind, Status.SUCCESS, 0L, started, Instant.now(), null);
                }
            }
            Long rows = Materializations.strategy(kind).build(request, session);
            if (version != null) {
                inputVersions.record(session, model.name(), version);
            }
            return new ModelRunResult(model.name(), kind, Status.SUCCESS, rows, started, Instant.now(), null);
        } catch (RuntimeException e) {
            String error = ErrorLines.locate(model, e.getMessage());
            if (incremental) {
                error += columnsTheTableLacks(model, session);
            }
            return new ModelRunResult(model.name(), kind, Status.ERROR, null, started, Instant.now(), error);
        }
    }

    private static boolean addsToTable(CompiledModel model) {
        return model.definition().config().addsToItsTable();
    }

    /**
     * For an incremental model that reads its own table ({@code this}) and did not compile for a column not found:
     * the table may be one an earlier version of the model built, without a column the model now reads.
     */
    private static String ownTableHint(CompiledProject project, CompiledModel model, RunOptions options) {
        RelationName relation = model.definition().relation();
        boolean columnNotFound = model.diagnostics().stream().anyMatch(diagnostic ->
                diagnostic.severity() == Diagnostic.Severity.ERROR && diagnostic.code() == ErrorCode.UNKNOWN_COLUMN);
        if (!addsToTable(model) || options.fullRefresh() || !columnNotFound || !project.described().asked(relation)
                || !project.described().isTable(relation) || !model.compiledSql().contains(relation.toString())) {
            return "";
        }
        return "\n" + relation + " is the model's own table as an earlier build left it: if the model now reads a"
                + " column that table lacks, rebuild it with --full-refresh (sluice run --select " + model.name()
                + " --full-refresh)";
    }

    /**
     * For a failed incremental build: the model's columns its table does not have, said with the way out. A table
     * built by an earlier version of the model lacks the columns a newer one added; a new column is added to the
     * table when the rows are merged, but a model that reads it from its own table ({@code this}) fails first.
     * Empty when the table has every column, the model's columns are not known, or the table cannot be described.
     */
    private static String columnsTheTableLacks(CompiledModel model, WarehouseSession session) {
        if (model.columns().isEmpty()) {
            return "";
        }
        RelationName relation = model.definition().relation();
        Set<String> existing;
        try {
            Optional<WarehouseRelation> table = session.describe(relation);
            if (table.isEmpty()) {
                return "";
            }
            existing = table.get().columns().stream().map(column -> column.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
        } catch (RuntimeException e) {
            return "";
        }
        List<String> lacking = model.columns().stream().map(SqlCatalog.Column::name)
                .filter(name -> !existing.contains(name.toLowerCase(Locale.ROOT))).toList();
        if (lacking.isEmpty()) {
            return "";
        }
        return "\n" + relation + " lacks the model's " + (lacking.size() == 1 ? "column " : "columns ")
                + String.join(", ", lacking) + ": rebuild it with --full-refresh (sluice run --select " + model.name()
                + " --full-refresh)";
    }

    private static ModelRunResult unexpected(CompiledModel model, Throwable failure) {
        return new ModelRunResult(model.name(), model.definition().materialization(), Status.ERROR, null, null, null,
                "internal error: " + failure);
    }

    /** Carries a model's failed result through the executor so its descendants are skipped. */
    private static final class ModelFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ModelRunResult result;

        ModelFailedException(ModelRunResult result) {
            super(result.error(), null, false, false);
            this.result = result;
        }
    }
}
