package dev.sluice.engine.compile;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.Diagnostic.Severity;
import dev.sluice.engine.DiagnosticException;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.Names;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.graph.DagExecutor;
import dev.sluice.engine.graph.ModelGraph;
import dev.sluice.engine.model.Identifiers;
import dev.sluice.engine.model.ModelConfig;
import dev.sluice.engine.project.DeclaredTest;
import dev.sluice.engine.project.ModelDoc;
import dev.sluice.engine.project.ModelFile;
import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.TargetConfig;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.SqlFrontEnd;
import dev.sluice.engine.template.RenderedModel;
import dev.sluice.engine.template.TemplateEngine;
import dev.sluice.engine.template.TemplateEngine.ModelTemplate;
import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseRelation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiles a project: renders every model once to discover its config and refs, builds the DAG,
 * then renders, parses and validates each model in dependency order (independent models in
 * parallel) against a catalog that grows as upstream models validate.
 *
 * <p>Never changes warehouse data: it only reads relation metadata. Thread-safe; one compile per call.
 */
public final class Compiler {
    private final SqlFrontEnd frontEnd;

    public Compiler(SqlFrontEnd frontEnd) {
        this.frontEnd = frontEnd;
    }

    /**
     * @throws SluiceException when the models form a cycle; every other problem is a diagnostic in the result
     */
    public CompiledProject compile(Project declared, TargetConfig target, WarehouseAccess warehouse, CompileOptions options)
            throws InterruptedException {
        return compile(discover(declared, target, warehouse, options.threads()), warehouse, options, null);
    }

    /**
     * {@link #discover(Project, TargetConfig, String, int)} after expanding the project's model families: a
     * model file with {@code <@family .../>} stands for one model per member, whose values this reads from the
     * warehouse (the only thing discovery asks it). Problems of family files are in
     * {@link DiscoveredProject#familyDiagnostics()}.
     *
     * @throws SluiceException when the models form a cycle
     */
    public static DiscoveredProject discover(Project declared, TargetConfig target, WarehouseAccess warehouse,
            int threads) throws InterruptedException {
        ModelFamilies.Expansion families = ModelFamilies.expand(declared, target, warehouse,
                TemplateEngine.forMacroDirectories(declared.macroDirectories()));
        return discover(families.project(), target, warehouse.defaultSchema(), threads, families.templates(),
                families.diagnostics());
    }

    /**
     * The first render of every model, on {@code threads} workers, and the DAG: what selectors need, without
     * parsing or validating any SQL. A model whose render fails is recorded in
     * {@link DiscoveredProject#discoveryErrors()} and stays in the graph.
     *
     * @throws SluiceException when the models form a cycle
     */
    public static DiscoveredProject discover(Project project, TargetConfig target, String defaultSchema, int threads)
            throws InterruptedException {
        return discover(project, target, defaultSchema, threads,
                TemplateEngine.forMacroDirectories(project.macroDirectories()), List.of());
    }

    private static DiscoveredProject discover(Project project, TargetConfig target, String defaultSchema, int threads,
            TemplateEngine templates, List<Diagnostic> familyDiagnostics) throws InterruptedException {
        CompileContext discovery = CompileContext.discovery(project, target, defaultSchema);
        Map<String, ModelDefinition> definitions = new LinkedHashMap<>();
        Map<String, Diagnostic> discoveryErrors = new ConcurrentHashMap<>();
        // The first render of each model is independent of the others: spread it over the cores.
        List<ModelDefinition> discovered = parallel(threads, () -> project.models().parallelStream()
                .map(file -> discoverOrRecord(discovery, templates, file, discoveryErrors)).toList());
        discovered.forEach(definition -> definitions.put(definition.name(), definition));
        Map<String, List<String>> parents = new LinkedHashMap<>();
        definitions.forEach((name, definition) -> parents.put(name, definition.refs()));
        ModelGraph graph = ModelGraph.of(parents);
        definitions.forEach((name, definition) -> refreshWithError(graph, definition)
                .ifPresent(error -> discoveryErrors.putIfAbsent(name, error)));
        return new DiscoveredProject(project, target, defaultSchema, templates, definitions, discoveryErrors, graph,
                familyDiagnostics);
    }

    /**
     * A name in {@code refresh_with} must be a model that reads this one (directly or not): the list says which
     * descendants a {@code --full-refresh} of it must rebuild. Found at every compile, not only at that refresh.
     */
    private static Optional<Diagnostic> refreshWithError(ModelGraph graph, ModelDefinition definition) {
        if (definition.config().refreshWith().isEmpty()) {
            return Optional.empty();
        }
        Set<String> descendants = graph.descendants(definition.name());
        return definition.config().refreshWith().stream().filter(listed -> !descendants.contains(listed)).findFirst()
                .map(listed -> new Diagnostic(Severity.ERROR, ErrorCode.PROJECT_CONFIG, definition.file().path(), 0, 0,
                        "refresh_with names \"" + listed + "\", which is not a model that reads "
                                + definition.name(), null));
    }

    /**
     * Compiles a discovered project, all of it or only some models.
     *
     * @param only the models to render, parse and validate, or {@code null} for all. The ephemeral models they
     *     inline are compiled too; other parents are not: their columns are read from the warehouse (as this
     *     target has them built, or {@code options.deferred()} says), and a parent that is not there leaves the
     *     model parsed but not validated. Every other model is in the result as
     *     {@link ValidationStatus#NOT_COMPILED} (or failed, when its discovering render failed), with its
     *     discovered definition and fingerprint. Only the custom tests that read a model of {@code only} are
     *     compiled.
     */
    public CompiledProject compile(DiscoveredProject discovered, WarehouseAccess warehouse, CompileOptions options,
            Set<String> only) throws InterruptedException {
        Project project = discovered.project();
        TargetConfig target = discovered.target();
        TemplateEngine templates = discovered.templates();
        List<Diagnostic> diagnostics = new ArrayList<>(discovered.familyDiagnostics());
        project.warnings().forEach(warning -> diagnostics.add(new Diagnostic(Severity.WARNING, ErrorCode.PROJECT_CONFIG,
                warning.substring(0, Math.max(0, warning.indexOf(':'))), 0, 0, warning.substring(warning.indexOf(':') + 2),
                null)));
        Map<String, ModelDefinition> definitions = new LinkedHashMap<>(discovered.definitions());
        Map<String, Diagnostic> discoveryErrors = discovered.discoveryErrors();
        // --defer: an unselected model that was never built here is read where the saved run built it.
        options.deferred().forEach((name, relation) -> definitions.computeIfPresent(name, (key, definition) ->
                definition.isEphemeral() ? definition : new ModelDefinition(definition.file(), definition.template(),
                        definition.config(), relation, definition.refs(), definition.sources(), definition.fingerprint())));
        ModelGraph graph = discovered.graph();

        CompileContext context = new CompileContext(project, target, warehouse.defaultSchema(),
                Set.copyOf(definitions.keySet()), Map.copyOf(definitions), new SqlCatalog(warehouse.defaultSchema()),
                new ConcurrentHashMap<>(),
                relation -> warehouse.describe(relation).map(found -> found.kind() == RelationKind.TABLE).orElse(false),
                options.fullRefresh(), warehouse);
        registerRelations(context, warehouse);
        Map<ModelFile, List<String>> keptTests = null;
        Set<String> scope = Set.copyOf(graph.topologicalOrder());
        if (only != null) {
            keptTests = PartialCompile.testsReading(CompileContext.discovery(project, target, warehouse.defaultSchema()),
                    templates, project.tests(), only);
            scope = PartialCompile.scope(definitions, only, keptTests.values());
            PartialCompile.registerBuiltParents(definitions, scope, keptTests.values(), warehouse, (definition, columns) ->
                    context.catalog().put(new SqlCatalog.Table(definition.relation().schema(),
                            definition.relation().name(), "ref(\"" + definition.name() + "\")", columns)));
        }
        ModelAnalyzer analyzer = new ModelAnalyzer(frontEnd, warehouse, options.lineage(), project.targetDirectory());
        Map<String, CompiledModel> compiled = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        int total = scope.size();
        DagExecutor.execute(graph, scope, options.threads(), name -> {
            Diagnostic discoveryError = discoveryErrors.get(name);
            CompiledModel model = discoveryError != null
                    ? new CompiledModel(definitions.get(name), "", "", ValidationStatus.FAILED, List.of(), List.of(discoveryError))
                    : compileModel(context, templates, analyzer, warehouse, definitions.get(name), compiled);
            compiled.put(name, model);
            options.progress().compiled(done.incrementAndGet(), total);
            return model;
        });
        Map<String, CompiledModel> ordered = new LinkedHashMap<>();
        for (String name : graph.topologicalOrder()) {
            CompiledModel model = compiled.get(name);
            if (model == null) {
                // Outside the scope: a discovery error is still an error; anything else was not looked at.
                Diagnostic discoveryError = discoveryErrors.get(name);
                model = new CompiledModel(definitions.get(name), "", "", discoveryError == null
                        ? ValidationStatus.NOT_COMPILED : ValidationStatus.FAILED, List.of(),
                        discoveryError == null ? List.of() : List.of(discoveryError));
            }
            ordered.put(name, model);
            diagnostics.addAll(model.diagnostics());
            diagnostics.addAll(undeclaredColumns(project.docs().get(name), model));
        }
        List<CompiledTest> tests = new ArrayList<>();
        for (ModelFile file : project.tests()) {
            if (keptTests != null && !keptTests.containsKey(file)) {
                continue;
            }
            CompiledTest test = compileTest(context, templates, analyzer, file, compiled);
            tests.add(test);
            diagnostics.addAll(test.diagnostics());
        }
        return new CompiledProject(project, target, graph, ordered, tests, context.catalog(), diagnostics,
                warehouse.described());
    }

    /**
     * A column test on a column the validated model does not have would fail at every run, or, worse, be read as
     * a typo nobody noticed: an error at compile, as a described column that does not exist is a warning.
     */
    private static List<Diagnostic> undeclaredColumns(ModelDoc doc, CompiledModel model) {
        if (doc == null || model.status() != ValidationStatus.VALIDATED) {
            return List.of();
        }
        Set<String> columns = new LinkedHashSet<>();
        model.columns().forEach(column -> columns.add(column.name().toLowerCase(Locale.ROOT)));
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (DeclaredTest test : doc.tests()) {
            String column = test.column();
            if (column != null && !columns.contains(column.toLowerCase(Locale.ROOT)) && reported.add(column)) {
                diagnostics.add(new Diagnostic(Severity.ERROR, ErrorCode.UNKNOWN_COLUMN, doc.file(), 0, 0, "test "
                        + test.kind() + " on column \"" + column + "\" of model " + model.name() + ": the model has no"
                        + " such column" + Names.didYouMean(column, columns), null));
            }
        }
        for (ModelDoc.ColumnDoc described : doc.columns()) {
            String column = described.name();
            if (!columns.contains(column.toLowerCase(Locale.ROOT)) && reported.add(column)) {
                diagnostics.add(new Diagnostic(Severity.WARNING, ErrorCode.UNKNOWN_COLUMN, doc.file(), 0, 0,
                        "describes column \"" + column + "\" of model " + model.name() + ", which it does not have"
                                + Names.didYouMean(column, columns), null));
            }
        }
        return diagnostics;
    }

    /** Discovers a model; a failure is recorded and the model stays in the graph, failed, so its descendants are skipped. */
    private static ModelDefinition discoverOrRecord(CompileContext discovery, TemplateEngine templates, ModelFile file,
            Map<String, Diagnostic> errors) {
        try {
            return discover(discovery, templates, file);
        } catch (SluiceException e) {
            errors.put(file.name(), e instanceof DiagnosticException located ? located.diagnostic()
                    : new Diagnostic(Severity.ERROR, e.code(), file.path(), 0, 0,
                            e.getMessage().replaceFirst("^" + Pattern.quote(file.path()) + ": ", ""), null));
            return new ModelDefinition(file, null, ModelConfig.DEFAULT, discovery.modelRelation(file.name(), null),
                    List.of(), List.of(), ModelDefinition.fingerprint(file.text(), ModelConfig.DEFAULT));
        }
    }

    /** Runs a parallel stream on a pool of {@code threads} workers rather than the JVM-wide common pool. */
    private static <T> T parallel(int threads, java.util.concurrent.Callable<T> work) throws InterruptedException {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            return pool.submit(work).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** The models a file reads, from a discovering render: for custom tests, which are not in the graph. */
    static List<String> discoverReads(CompileContext discovery, TemplateEngine templates, ModelFile file) {
        return discover(discovery, templates, file).refs();
    }

    private static ModelDefinition discover(CompileContext discovery, TemplateEngine templates, ModelFile file) {
        ModelTemplate template = templates.parse(file);
        RenderFunctions functions = new RenderFunctions(discovery, file.name(), discovery.modelRelation(file.name(), null),
                ModelConfig.DEFAULT.materialization());
        RenderedModel rendered = templates.render(template, functions);
        ModelConfig config = ModelConfigs.from(rendered.config(), file.path());
        return new ModelDefinition(file, template, config, discovery.modelRelation(file.name(), config.schema()),
                List.copyOf(functions.refs()), List.copyOf(functions.sources()),
                ModelDefinition.fingerprint(rendered.sql(), config));
    }

    /** Puts every source's columns in the catalog and maps each relation's SQL text to its name. */
    private static void registerRelations(CompileContext context, WarehouseAccess warehouse) {
        Map<SourceRef, RelationName> undeclared = new LinkedHashMap<>();
        context.sources().values().forEach(source -> source.tables().values().forEach(table -> {
            SourceRef ref = new SourceRef(source.name(), table.name());
            RelationName relation = context.sourceRelation(ref);
            context.relationsByText().put(Identifiers.relation(relation), relation);
            if (table.columns().isEmpty()) {
                undeclared.put(ref, relation);
            } else {
                context.catalog().put(new SqlCatalog.Table(relation.schema(), relation.name(), ref.toString(), table.columns()
                        .stream().map(column -> new SqlCatalog.Column(column.name(), column.type(), true)).toList()));
            }
        }));
        // Sources without declared columns, and the tables incremental models add to (their is_incremental() and
        // the run ask): all described in one round trip per schema, remembered for the rest of the compile.
        List<RelationName> asked = new ArrayList<>(undeclared.values());
        context.definitions().values().stream().filter(Compiler::addsToItsTable)
                .forEach(definition -> asked.add(definition.relation()));
        Map<RelationName, WarehouseRelation> described = asked.isEmpty() ? Map.of() : warehouse.describeAll(asked);
        undeclared.forEach((ref, relation) -> {
            WarehouseRelation found = described.get(relation);
            if (found != null) {
                context.catalog().put(new SqlCatalog.Table(relation.schema(), relation.name(), ref.toString(), found.columns()
                        .stream().map(column -> new SqlCatalog.Column(column.name(), column.type(), column.nullable())).toList()));
            }
        });
        context.definitions().values().forEach(definition -> context.relationsByText().put(
                definition.isEphemeral() ? definition.ephemeralName() : Identifiers.relation(definition.relation()),
                catalogName(context, definition)));
    }

    /** Incremental models, and iterative ones with a unique key: a run adds to their table when it exists. */
    private static boolean addsToItsTable(ModelDefinition definition) {
        return definition.materialization() == dev.sluice.engine.model.Materialization.INCREMENTAL
                || definition.materialization() == dev.sluice.engine.model.Materialization.ITERATIVE
                        && !definition.config().uniqueKey().isEmpty();
    }

    private static RelationName catalogName(CompileContext context, ModelDefinition definition) {
        return definition.isEphemeral() ? new RelationName(context.defaultSchema(), definition.ephemeralName())
                : definition.relation();
    }

    private static CompiledModel compileModel(CompileContext context, TemplateEngine templates, ModelAnalyzer analyzer,
            WarehouseAccess warehouse, ModelDefinition definition, Map<String, CompiledModel> compiled) {
        RenderedModel rendered;
        RenderFunctions functions = new RenderFunctions(context, definition.name(), definition.relation(),
                definition.materialization());
        try {
            rendered = templates.render(definition.template(), functions);
        } catch (DiagnosticException e) {
            return new CompiledModel(definition, "", "", ValidationStatus.FAILED, List.of(), List.of(e.diagnostic()));
        }
        Set<RelationName> allowed = new LinkedHashSet<>();
        functions.refs().forEach(ref -> allowed.add(catalogName(context, context.definitions().get(ref))));
        functions.sources().forEach(source -> allowed.add(context.sourceRelation(source)));
        if (functions.readsSelf()) {
            // An incremental model reads its own table (`${this}`): check it against what the warehouse has.
            allowed.add(definition.relation());
            warehouse.describe(definition.relation()).ifPresent(found -> context.catalog().put(new SqlCatalog.Table(
                    definition.relation().schema(), definition.relation().name(), "this", found.columns().stream()
                            .map(column -> new SqlCatalog.Column(column.name(), column.type(), column.nullable()))
                            .toList())));
        }
        ModelAnalyzer.Analysis analysis = analyzer.analyze(context, definition, rendered.sql(), allowed);

        List<SqlCatalog.Column> columns = analysis.columns();
        if (!columns.isEmpty() && definition.materialization() == dev.sluice.engine.model.Materialization.SNAPSHOT) {
            columns = new ArrayList<>(columns);
            columns.add(new SqlCatalog.Column(ModelConfig.SnapshotSettings.VALID_FROM, "TIMESTAMP", true));
            columns.add(new SqlCatalog.Column(ModelConfig.SnapshotSettings.VALID_TO, "TIMESTAMP", true));
        }
        if (columns.isEmpty() && !definition.isEphemeral()) {
            columns = warehouse.describe(definition.relation()).map(found -> found.columns().stream()
                    .map(column -> new SqlCatalog.Column(column.name(), column.type(), column.nullable())).toList())
                    .orElse(List.of());
        }
        if (!columns.isEmpty()) {
            RelationName name = catalogName(context, definition);
            context.catalog().put(new SqlCatalog.Table(name.schema(), name.name(), "ref(\"" + definition.name() + "\")",
                    columns));
        }
        String compiledSql = EphemeralInliner.inline(rendered.sql(), ephemeralAncestors(context, definition, compiled));
        return new CompiledModel(definition, rendered.sql(), compiledSql, analysis.status(), columns,
                analysis.diagnostics(), analysis.lineage());
    }

    /** A custom test is compiled like a model that is never built: rendered, its tables checked, validated. */
    private static CompiledTest compileTest(CompileContext context, TemplateEngine templates, ModelAnalyzer analyzer,
            ModelFile file, Map<String, CompiledModel> compiled) {
        ModelDefinition definition;
        RenderFunctions functions = new RenderFunctions(context, file.name(), context.modelRelation(file.name(), null),
                ModelConfig.DEFAULT.materialization());
        RenderedModel rendered;
        try {
            ModelTemplate template = templates.parse(file);
            rendered = templates.render(template, functions);
            definition = new ModelDefinition(file, template, ModelConfig.DEFAULT, context.modelRelation(file.name(), null),
                    List.copyOf(functions.refs()), List.copyOf(functions.sources()), "");
        } catch (DiagnosticException e) {
            return new CompiledTest(file.name(), file.path(), "", List.of(), List.of(e.diagnostic()));
        }
        Set<RelationName> allowed = new LinkedHashSet<>();
        functions.refs().forEach(ref -> allowed.add(catalogName(context, context.definitions().get(ref))));
        functions.sources().forEach(source -> allowed.add(context.sourceRelation(source)));
        ModelAnalyzer.Analysis analysis = analyzer.analyze(context, definition, rendered.sql(), allowed,
                ModelAnalyzer.keptTestName(file.name()));
        String sql = EphemeralInliner.inline(rendered.sql(), ephemeralAncestors(context, definition, compiled));
        return new CompiledTest(file.name(), file.path(), sql, definition.refs(), analysis.diagnostics());
    }

    /** The ephemeral models this one reads, directly or through other ephemeral models, parents first. */
    private static Map<String, String> ephemeralAncestors(CompileContext context, ModelDefinition definition,
            Map<String, CompiledModel> compiled) {
        Map<String, String> ctes = new LinkedHashMap<>();
        addEphemeralParents(context, definition, compiled, ctes);
        return ctes;
    }

    private static void addEphemeralParents(CompileContext context, ModelDefinition definition,
            Map<String, CompiledModel> compiled, Map<String, String> ctes) {
        for (String ref : definition.refs()) {
            ModelDefinition parent = context.definitions().get(ref);
            if (parent.isEphemeral() && !ctes.containsKey(parent.ephemeralName())) {
                addEphemeralParents(context, parent, compiled, ctes);
                ctes.put(parent.ephemeralName(), compiled.get(ref).renderedSql());
            }
        }
    }
}
