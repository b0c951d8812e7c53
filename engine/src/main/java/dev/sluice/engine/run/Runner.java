package dev.sluice.engine.run;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.graph.DagExecutor;
import dev.sluice.engine.graph.DagExecutor.Outcome;
import dev.sluice.engine.graph.Selection;
import dev.sluice.engine.materialize.MaterializeRequest;
import dev.sluice.engine.materialize.Materializations;
import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.run.ModelRunResult.Status;
import dev.sluice.spi.RelationKind;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the selected models of a compiled project in dependency order, independent ones in
 * parallel. A model that fails (or did not compile) marks its descendants skipped; unrelated
 * models still run. Each result is written to {@link RunHistory} as it happens.
 *
 * <p>Thread-safe: each {@link #run} uses its own worker threads and sessions.
 */
public final class Runner {
    private final Warehouse warehouse;

    public Runner(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** @throws dev.sluice.engine.SluiceException when a selector matches nothing */
    public RunResult run(CompiledProject project, RunOptions options, RunListener listener) throws InterruptedException {
        List<String> selected = Selection.select(project.graph(), project.selectable(), options.selectors(),
                options.excludes());
        String runId = UUID.randomUUID().toString();
        Instant start = Instant.now();
        try (WarehouseSession historySession = warehouse.openSession()) {
            RunHistory.ensureTable(historySession);
        }
        listener.runStarted(runId, selected.size());
        ThreadLocal<WarehouseSession> sessions = new ThreadLocal<>();
        List<WarehouseSession> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Outcome<ModelRunResult>> outcomes;
        try {
            outcomes = DagExecutor.execute(project.graph(), new LinkedHashSet<>(selected), options.threads(), name -> {
                WarehouseSession session = sessions.get();
                if (session == null) {
                    session = warehouse.openSession();
                    sessions.set(session);
                    opened.add(session);
                }
                listener.modelStarted(name);
                ModelRunResult result = build(project.models().get(name), options, session);
                RunHistory.record(session, runId, result);
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
                    RunHistory.record(session, runId, result);
                    listener.modelFinished(result);
                }
            }
            results.addAll(skipped);
        }
        return new RunResult(runId, results, Duration.between(start, Instant.now()));
    }

    private ModelRunResult build(CompiledModel model, RunOptions options, WarehouseSession session) {
        Materialization kind = model.definition().materialization();
        Instant started = Instant.now();
        if (model.hasErrors()) {
            String errors = model.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                    .map(Diagnostic::format).collect(Collectors.joining("\n"));
            return new ModelRunResult(model.name(), kind, Status.ERROR, null, started, Instant.now(),
                    "did not compile:\n" + errors);
        }
        boolean incremental = kind == Materialization.INCREMENTAL && !options.fullRefresh()
                && session.describe(model.definition().relation()).map(found -> found.kind() == RelationKind.TABLE)
                        .orElse(false);
        MaterializeRequest request = new MaterializeRequest(model.definition().relation(), model.compiledSql(),
                model.definition().config().uniqueKey(), incremental, warehouse.capabilities());
        try {
            Long rows = Materializations.strategy(kind).build(request, session);
            return new ModelRunResult(model.name(), kind, Status.SUCCESS, rows, started, Instant.now(), null);
        } catch (RuntimeException e) {
            return new ModelRunResult(model.name(), kind, Status.ERROR, null, started, Instant.now(),
                    model.definition().file().path() + ": " + e.getMessage());
        }
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
