package dev.sluice.engine;

import dev.sluice.engine.compile.AnalysisCache;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.Compiler;
import dev.sluice.engine.compile.RecordedCatalog;
import dev.sluice.engine.compile.DiscoveredProject;
import dev.sluice.engine.compile.ModelDefinition;
import dev.sluice.engine.compile.WarehouseAccess;
import dev.sluice.engine.docs.DocsSite;
import dev.sluice.engine.manifest.CompileArtifacts;
import dev.sluice.engine.manifest.DialectArtifacts;
import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.ProjectLoader;
import dev.sluice.engine.project.TargetConfig;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.engine.run.Runner;
import dev.sluice.engine.run.SavedState;
import dev.sluice.engine.seed.SeedLoader;
import dev.sluice.engine.sql.CalciteFrontEnd;
import dev.sluice.engine.sql.CodeStamp;
import dev.sluice.engine.sql.ModelDialect;
import dev.sluice.engine.sql.SqlFrontEnd;
import dev.sluice.engine.graph.Selection;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import java.util.Set;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseFactory;
import dev.sluice.spi.Warehouses;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A project opened against one target: what every CLI command (and later the server) works
 * through. Owns the warehouse connection; close it when done.
 *
 * <p>Thread-safe for the calls the CLI makes, one at a time; the warehouse itself is thread-safe.
 */
public final class Workspace implements AutoCloseable {
    private final Project project;
    private final TargetConfig target;
    private final Warehouse warehouse;
    private final SqlFrontEnd frontEnd;
    /** Whether {@link #close} closes the warehouse: false for {@link #reloaded} and {@link #borrowed} views. */
    private final boolean ownsWarehouse;
    /** Answers of the warehouse's catalog recorded by earlier compiles; {@link RecordedCatalog#NONE} unless on demand. */
    private final RecordedCatalog recorded;
    /** The warehouse's catalog stamp, taken when {@link #close} has closed it. */
    private final Supplier<Optional<String>> stampAfterClose;

    private Workspace(Project project, TargetConfig target, Warehouse warehouse, SqlFrontEnd frontEnd,
            boolean ownsWarehouse) {
        this(project, target, warehouse, frontEnd, ownsWarehouse, RecordedCatalog.NONE, Optional::empty);
    }

    private Workspace(Project project, TargetConfig target, Warehouse warehouse, SqlFrontEnd frontEnd,
            boolean ownsWarehouse, RecordedCatalog recorded, Supplier<Optional<String>> stampAfterClose) {
        this.project = project;
        this.target = target;
        this.warehouse = warehouse;
        this.frontEnd = frontEnd;
        this.ownsWarehouse = ownsWarehouse;
        this.recorded = recorded;
        this.stampAfterClose = stampAfterClose;
    }

    /**
     * Loads the project and connects to the target.
     *
     * @param targetName {@code null} for the project's default target
     * @throws SluiceException for a bad project or a warehouse that cannot be opened
     */
    public static Workspace open(Path projectDirectory, String targetName) {
        return open(projectDirectory, targetName, false);
    }

    /**
     * Loads the project; connects to the target only when something first needs the warehouse, for commands that
     * may not ({@code compile}, {@code ls}). While the warehouse's catalog stamp says its catalog has not changed
     * (see {@link dev.sluice.spi.WarehouseFactory#catalogStamp}), compiles answer their questions about it from
     * {@code target/warehouse-catalog.json} ({@link RecordedCatalog}); {@link #close} records what they asked.
     * With every model's analysis kept as well, a compile does not connect at all.
     *
     * @param targetName {@code null} for the project's default target
     * @throws SluiceException for a bad project or target settings; a warehouse that cannot be reached fails
     *     where it is first used
     */
    public static Workspace openOnDemand(Path projectDirectory, String targetName) {
        return open(projectDirectory, targetName, true);
    }

    private static Workspace open(Path projectDirectory, String targetName, boolean onDemand) {
        Project project = new ProjectLoader().load(projectDirectory);
        TargetConfig target = project.config().target(targetName);
        Map<String, String> settings = new HashMap<>(target.settings());
        settings.put("projectDirectory", project.directory().toString());
        settings.put("projectName", project.config().name());
        settings.putIfAbsent("schema", target.schema());
        Warehouse warehouse;
        RecordedCatalog recorded = RecordedCatalog.NONE;
        Supplier<Optional<String>> stampAfterClose = Optional::empty;
        try {
            WarehouseFactory factory = Warehouses.factory(target.type());
            if (onDemand) {
                Optional<String> stamp = factory.catalogStamp(settings);
                warehouse = factory.openOnDemand(settings);
                recorded = RecordedCatalog.read(project.targetDirectory(), target.name() + "\n"
                        + new TreeMap<>(settings) + "\n" + CodeStamp.of(warehouse.getClass()), stamp);
                stampAfterClose = () -> factory.catalogStamp(settings);
            } else {
                warehouse = factory.open(settings);
            }
        } catch (WarehouseException e) {
            String message = target.redacted(e.getMessage());
            // The cause's message quotes the value too: keep it only when nothing secret was in it.
            throw new SluiceException(ErrorCode.WAREHOUSE, "target \"" + target.name() + "\": " + message,
                    message.equals(e.getMessage()) ? e : null);
        }
        return new Workspace(project, target, warehouse,
                new CalciteFrontEnd(ModelDialect.of(project.config().dialect())), true, recorded, stampAfterClose);
    }

    /**
     * The project as its files are now (models, macros, tests, {@code sluice.yml}), on this workspace's target
     * and warehouse connection: a target whose settings changed in {@code sluice.yml} keeps the connection it
     * has (see {@link #targetChanged}). Closing the result leaves the warehouse open; this workspace owns it.
     *
     * @throws SluiceException for a project that does not load (bad YAML, unknown keys, a missing file)
     */
    public Workspace reloaded() {
        Project fresh = new ProjectLoader().load(project.directory());
        return new Workspace(fresh, target, warehouse, new CalciteFrontEnd(ModelDialect.of(fresh.config().dialect())),
                false);
    }

    /** Whether {@code sluice.yml} now describes this workspace's target differently from the connection it has. */
    public boolean targetChanged() {
        try {
            return !project.config().target(target.name()).equals(target);
        } catch (SluiceException e) {
            return true;
        }
    }

    /** This workspace for a caller that must not close its warehouse: closing the result does nothing. */
    public Workspace borrowed() {
        return new Workspace(project, target, warehouse, frontEnd, false);
    }

    public Project project() {
        return project;
    }

    public TargetConfig target() {
        return target;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    /** Compiles every model and writes {@code target/compiled/} and {@code target/manifest.json}. */
    public CompiledProject compile(CompileOptions options) throws InterruptedException {
        CompiledProject compiled = asBuilt(compileWithoutArtifacts(options));
        writeArtifacts(compiled);
        return compiled;
    }

    /**
     * {@code compiled} with each model's columns as the target builds them, when the target runs the models
     * translated (Snowflake models on DuckDB): the manifest records the types of the warehouse that has the table.
     */
    private CompiledProject asBuilt(CompiledProject compiled) {
        String dialect = project.config().dialect();
        return dialect.equals(warehouse.dialect()) ? compiled : DialectArtifacts.between(dialect, warehouse.dialect())
                .map(translation -> translation.withBuiltColumns(compiled)).orElse(compiled);
    }

    /**
     * Compiles every model as {@link #compile(CompileOptions)} does but writes nothing to {@code target/}: for a
     * project that is checked before it replaces another (a server's reload).
     */
    public CompiledProject compileWithoutArtifacts(CompileOptions options) throws InterruptedException {
        try (WarehouseAccess access = new WarehouseAccess(warehouse, recorded)) {
            return new Compiler(frontEnd).compile(project, target, access, options);
        }
    }

    private void writeArtifacts(CompiledProject compiled) {
        Path targetDirectory = project.targetDirectory();
        CompileArtifacts.write(compiled, targetDirectory, warehouse.sqlDialect(), warehouse.capabilities());
        AnalysisCache.writeKept(targetDirectory, compiled);
    }

    /**
     * The first render of every model and the DAG, nothing validated: enough for any selector
     * ({@code state:modified} included) at a fraction of a compile's cost. Writes nothing.
     */
    public DiscoveredProject discover(int threads) throws InterruptedException {
        try (WarehouseAccess access = new WarehouseAccess(warehouse, recorded)) {
            return Compiler.discover(project, target, access, threads);
        }
    }

    /**
     * Compiles the given models of a discovered project (and the ephemeral ones they inline; see
     * {@link Compiler#compile(DiscoveredProject, WarehouseAccess, CompileOptions, Set)}), or all of them when
     * {@code only} is {@code null}, and writes the artifacts as {@link #compile(CompileOptions)} does. The
     * manifest keeps every model's fingerprint, so it still serves as {@code --state} for a later run.
     */
    public CompiledProject compile(DiscoveredProject discovered, CompileOptions options, Set<String> only)
            throws InterruptedException {
        CompiledProject compiled = asBuilt(compileWithoutArtifacts(discovered, options, only));
        writeArtifacts(compiled);
        return compiled;
    }

    private CompiledProject compileWithoutArtifacts(DiscoveredProject discovered, CompileOptions options,
            Set<String> only) throws InterruptedException {
        try (WarehouseAccess access = new WarehouseAccess(warehouse, recorded)) {
            return new Compiler(frontEnd).compile(discovered, access, options, only);
        }
    }

    /**
     * Compiles, then builds the selected models.
     *
     * DuckDB models on a target that speaks another dialect Sluice translates to (PostgreSQL, Snowflake), and Snowflake
     * models on DuckDB, run translated
     * ({@link DialectArtifacts#translated}): a model with a construct Sluice cannot translate fails, by line and
     * construct, and its descendants are skipped.
     *
     * @throws SluiceException when the models are written in a dialect the target does not speak and Sluice does
     *     not translate to: running them as written could silently mean something else
     */
    public RunResult run(RunOptions options, RunListener listener) throws InterruptedException {
        String dialect = project.config().dialect();
        java.util.Optional<DialectArtifacts> translation = dialect.equals(warehouse.dialect()) ? java.util.Optional.empty()
                : DialectArtifacts.between(dialect, warehouse.dialect());
        if (!dialect.equals(warehouse.dialect()) && translation.isEmpty()) {
            throw new SluiceException(ErrorCode.WAREHOUSE, "the models are written in " + dialect + " but target \""
                    + target.name() + "\" speaks " + warehouse.dialect() + "; Sluice runs SQL only on a target that"
                    + " speaks its dialect (translation between dialects is not available yet)");
        }
        // Read first: the compile below rewrites target/manifest.json, which --state may point at.
        Map<String, String> state = options.state() == null ? null : SavedState.fingerprints(options.state());
        Map<String, RelationName> savedRelations = options.defer() ? SavedState.relations(options.state()) : Map.of();
        // A run needs no lineage: skipping it halves the cost of validating each model.
        CompileOptions compileOptions = new CompileOptions(options.fullRefresh(), options.threads()).withLineage(false)
                .withProgress(listener::compiling);
        // Select on the discovering render alone, then compile only what will be built.
        DiscoveredProject discovered = discover(options.threads());
        Set<String> only = options.selectors().isEmpty() && options.excludes().isEmpty() ? null
                : Set.copyOf(Selection.select(discovered.graph(), discovered.selectable(), options.selectors(),
                        options.excludes(), state));
        if (options.fullRefresh() && only != null) {
            refusePartialRefresh(discovered, only);
        }
        CompiledProject compiled = compileWithoutArtifacts(discovered, compileOptions, only);
        if (options.defer()) {
            Map<String, RelationName> deferred = deferred(compiled, options, state, savedRelations);
            if (!deferred.isEmpty()) {
                compiled = compileWithoutArtifacts(discovered, compileOptions.withDeferred(deferred), only);
            }
        }
        if (translation.isPresent()) {
            compiled = translation.get().translated(compiled);
        }
        listener.compiled(compiled.diagnostics().stream()
                .filter(diagnostic -> diagnostic.severity() == Diagnostic.Severity.WARNING).toList());
        // target/compiled and the manifest are for later commands and other tools: written while the
        // models build, and always before this returns.
        CompiledProject artifacts = compiled;
        FutureTask<Void> writing = new FutureTask<>(() -> writeArtifacts(artifacts), null);
        Thread writer = new Thread(writing, "sluice-compile-artifacts");
        writer.setDaemon(true);
        writer.start();
        RunResult result;
        try {
            result = new Runner(warehouse).run(compiled, options, listener, state);
        } finally {
            awaitArtifacts(writing);
        }
        return result;
    }

    /**
     * A {@code --full-refresh} of a model with {@code refresh_with} (identity_nodes, whose numbers the graph tables
     * keep) must rebuild the models it lists: rebuilt alone, it would leave them holding the old numbers. Refused
     * before anything is built, naming what to add. A model whose list names a model that does not read it failed its
     * discovery (the compile reports it), and fails in the run.
     */
    private static void refusePartialRefresh(DiscoveredProject discovered, Set<String> selected) {
        for (String name : discovered.graph().topologicalOrder()) {
            ModelDefinition definition = discovered.definitions().get(name);
            if (!selected.contains(name) || definition == null || definition.config().refreshWith().isEmpty()
                    || discovered.discoveryErrors().containsKey(name)) {
                continue;
            }
            List<String> missing = definition.config().refreshWith().stream()
                    .filter(listed -> !selected.contains(listed)).toList();
            if (!missing.isEmpty()) {
                throw new SluiceException(ErrorCode.SELECTOR, "--full-refresh of " + name + " renumbers what "
                        + String.join(", ", missing) + " keep (" + definition.file().path() + ", refresh_with):"
                        + " select them too, e.g. sluice run --select " + name + "+ --full-refresh");
            }
        }
    }

    private static void awaitArtifacts(FutureTask<Void> writing) throws InterruptedException {
        try {
            writing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("writing target/ failed", e.getCause());
        }
    }

    /** The unselected models this target lacks that the saved run built: read from there instead. */
    private Map<String, RelationName> deferred(CompiledProject compiled, RunOptions options, Map<String, String> state,
            Map<String, RelationName> savedRelations) {
        Set<String> selected = Set.copyOf(Selection.select(compiled.graph(), compiled.selectable(), options.selectors(),
                options.excludes(), state));
        Map<String, RelationName> deferred = new java.util.LinkedHashMap<>();
        try (WarehouseSession session = warehouse.openSession()) {
            compiled.models().forEach((name, model) -> {
                RelationName saved = savedRelations.get(name);
                if (!selected.contains(name) && saved != null && !model.definition().isEphemeral()
                        && session.describe(model.definition().relation()).isEmpty()) {
                    deferred.put(name, saved);
                }
            });
        }
        return deferred;
    }

    /** The name an inline query of {@link #query} compiles under: not a name a model file can have. */
    public static final String INLINE = "(inline)";

    /**
     * A model's query, or an inline one ({@code sluice show --inline}), compiled against the project as a model
     * would be ({@code ref}, {@code source}, {@code var}, macros) and validated, in the SQL the target runs: for a
     * preview of its rows. Writes nothing to {@code target/} and builds nothing.
     *
     * @param model a model's name, or {@code null} with {@code inlineSql}
     * @param inlineSql a SELECT with the project's template functions, or {@code null}
     * @throws SluiceException for a model that does not exist, a query that does not compile (its diagnostics,
     *     with file, line and column; {@code --inline} for an inline query), or a dialect the target cannot run
     */
    public String query(String model, String inlineSql, int threads) throws InterruptedException {
        Workspace subject = this;
        String name = model;
        if (inlineSql != null) {
            List<dev.sluice.engine.project.ModelFile> models = new java.util.ArrayList<>(project.models());
            models.add(new dev.sluice.engine.project.ModelFile(INLINE, "--inline", inlineSql));
            Project withInline = new Project(project.directory(), project.config(), models, project.docs(),
                    project.macroDirectories(), project.seedFiles(), project.tests(), project.unitTests(),
                    project.warnings());
            subject = new Workspace(withInline, target, warehouse, frontEnd, false);
            name = INLINE;
        }
        DiscoveredProject discovered = subject.discover(threads);
        Diagnostic discoveryError = discovered.discoveryErrors().get(name);
        if (discoveryError != null) {
            throw new SluiceException(discoveryError.code(), (name.equals(INLINE) ? "the inline query" : "model " + name)
                    + " does not compile:\n" + discoveryError.format());
        }
        if (!discovered.definitions().containsKey(name)) {
            throw new SluiceException(ErrorCode.SELECTOR, "no model named \"" + name + "\""
                    + Names.didYouMean(name, discovered.definitions().keySet()));
        }
        CompiledProject compiled = subject.compileWithoutArtifacts(discovered,
                new CompileOptions(false, threads).withLineage(false), Set.of(name));
        String dialect = project.config().dialect();
        if (!dialect.equals(warehouse.dialect())) {
            DialectArtifacts translation = DialectArtifacts.between(dialect, warehouse.dialect()).orElseThrow(() ->
                    new SluiceException(ErrorCode.WAREHOUSE, "the models are written in " + dialect + " but target \""
                            + target.name() + "\" speaks " + warehouse.dialect() + "; Sluice runs SQL only on a target"
                            + " that speaks its dialect"));
            compiled = translation.translated(compiled);
        }
        dev.sluice.engine.compile.CompiledModel compiledModel = compiled.models().get(name);
        if (compiledModel == null || compiledModel.hasErrors()) {
            List<Diagnostic> errors = compiledModel == null ? compiled.diagnostics() : compiledModel.diagnostics();
            throw new SluiceException(ErrorCode.INVALID_SQL, (name.equals(INLINE) ? "the inline query" : "model " + name)
                    + " does not compile:\n" + String.join("\n", errors.stream()
                            .filter(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR)
                            .map(Diagnostic::format).toList()));
        }
        if (compiledModel.compiledSql().isBlank()) {
            throw new SluiceException(ErrorCode.INVALID_SQL, "model " + name + " has no query to show");
        }
        return compiledModel.compiledSql().strip().replaceAll(";+$", "").strip();
    }

    /** Compiles, then runs the data tests of the selected models (and source freshness when none is selected). */
    public RunResult test(List<String> selectors, List<String> excludes, RunListener listener)
            throws InterruptedException {
        // Tests need no column lineage: skipping it halves the cost of validating each model.
        CompiledProject compiled = compile(CompileOptions.defaults().withLineage(false));
        return new Runner(warehouse).test(compiled, selectors, excludes, listener);
    }

    /** Compiles and writes the docs site into {@code directory}; returns the page's path. */
    public Path docs(Path directory) throws InterruptedException {
        return DocsSite.write(compile(CompileOptions.defaults()), warehouse, directory);
    }

    /** Loads every seed into the seed schema (from {@code sluice.yml}, or the target's schema). */
    public List<SeedLoader.SeedResult> seed() {
        String schema = project.config().seedSchema() == null ? target.schema() : project.config().seedSchema();
        return new SeedLoader().load(project, warehouse, schema);
    }

    /** Closes the warehouse this workspace owns, then records what its compiles asked the catalog (see {@link #openOnDemand}). */
    @Override
    public void close() {
        if (ownsWarehouse) {
            warehouse.close();
            if (recorded != RecordedCatalog.NONE) {
                recorded.write(stampAfterClose.get());
            }
        }
    }
}
