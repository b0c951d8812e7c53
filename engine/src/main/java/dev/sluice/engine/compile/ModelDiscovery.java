package dev.sluice.engine.compile;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.Diagnostic.Severity;
import dev.sluice.engine.DiagnosticException;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.ModelConfig;
import dev.sluice.engine.project.ModelFile;
import dev.sluice.engine.template.RenderedModel;
import dev.sluice.engine.template.TemplateEngine;
import dev.sluice.engine.template.TemplateEngine.ModelTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * The first, discovering render of every model, which finds each one's config, refs and sources.
 * Models do not depend on each other yet, so they are parsed and rendered {@code threads} at a time
 * (on 10,000 models this phase was about 14% of a compile's CPU time, all of it on one thread).
 *
 * <p>Thread-safe: the template engine is, and the discovery context is only read.
 */
final class ModelDiscovery {
    /** What the discovering render found: the definition, and the error that stopped it (else null). */
    record Discovered(ModelDefinition definition, Diagnostic error) {}

    private ModelDiscovery() {}

    /** @return one result per file, in the order of {@code files} */
    static List<Discovered> discoverAll(CompileContext discovery, TemplateEngine templates, List<ModelFile> files,
            int threads) throws InterruptedException {
        List<Callable<Discovered>> tasks = files.stream()
                .<Callable<Discovered>>map(file -> () -> discoverOne(discovery, templates, file)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sluice-discovery");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Discovered> discovered = new ArrayList<>(files.size());
            for (Future<Discovered> future : pool.invokeAll(tasks)) {
                discovered.add(result(future));
            }
            return discovered;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Discovered discoverOne(CompileContext discovery, TemplateEngine templates, ModelFile file) {
        try {
            return new Discovered(discover(discovery, templates, file), null);
        } catch (DiagnosticException e) {
            return new Discovered(standIn(discovery, file), e.diagnostic());
        } catch (SluiceException e) {
            Diagnostic diagnostic = new Diagnostic(Severity.ERROR, e.code(), file.path(), 0, 0,
                    e.getMessage().replaceFirst("^" + Pattern.quote(file.path()) + ": ", ""), null);
            return new Discovered(standIn(discovery, file), diagnostic);
        }
    }

    private static ModelDefinition discover(CompileContext discovery, TemplateEngine templates, ModelFile file) {
        ModelTemplate template = templates.parse(file);
        RenderFunctions functions = new RenderFunctions(discovery, file.name(), discovery.modelRelation(file.name(), null),
                ModelConfig.DEFAULT.materialization());
        RenderedModel rendered = templates.render(template, functions);
        ModelConfig config = ModelConfigs.from(rendered.config(), file.path());
        return new ModelDefinition(file, template, config, discovery.modelRelation(file.name(), config.schema()),
                List.copyOf(functions.refs()), List.copyOf(functions.sources()));
    }

    /** The definition of a model whose render failed: no refs, so the rest of the graph still compiles. */
    private static ModelDefinition standIn(CompileContext discovery, ModelFile file) {
        return new ModelDefinition(file, null, ModelConfig.DEFAULT, discovery.modelRelation(file.name(), null), List.of(),
                List.of());
    }

    /** The task's result; an unexpected exception is rethrown as it was, as when discovery ran on the caller's thread. */
    private static Discovered result(Future<Discovered> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
