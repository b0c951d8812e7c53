package dev.sluice.server.transform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * GraalJS for one project's transformations: one polyglot {@link Engine} per statement limit (a
 * limit is an engine-wide setting in GraalJS, and most projects use one), shared by every context,
 * so a module is parsed once however many contexts run it. Every context gets the same sandbox: no
 * host classes or objects, no threads, processes, native code or environment; its only file system
 * is the project's libraries ({@link LibraryFileSystem}); its only ways out are the {@code log} and
 * (when allowed) {@code fetch} functions Sluice puts in it.
 *
 * <p>Thread-safe; contexts it makes are not (one thread at a time).
 */
final class JsEngine implements AutoCloseable {
    /**
     * The statements a call's limit counts: the transformation's and its libraries', not those of Sluice's
     * glue (internal), which are bounded by what the transformation returns and would only slow every call.
     * One instance: the contexts of an engine must share their limit's filter.
     */
    private static final Predicate<Source> USER_CODE = source -> !source.isInternal();
    private final LibraryFileSystem fileSystem;
    private final Source glue;
    /** Guarded by {@code this}. */
    private final Map<Long, Engine> engines = new HashMap<>();

    JsEngine(Map<String, String> libraries) {
        this.fileSystem = new LibraryFileSystem(libraries);
        try (InputStream in = JsEngine.class.getResourceAsStream("glue.js")) {
            this.glue = Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "sluice-glue.js")
                    .internal(true).buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException("glue.js is missing from the class path", e);
        }
    }

    /** The script that defines {@code log}, {@code fetch} and the checks on what a transformation returns. */
    Source glue() {
        return glue;
    }

    /** A new sandboxed context whose calls each run at most {@code statementLimit} statements. */
    Context newContext(long statementLimit) {
        return Context.newBuilder("js")
                .engine(engine(statementLimit))
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(IOAccess.newBuilder().fileSystem(fileSystem).build())
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(statementLimit, USER_CODE).build())
                // The one experimental option: evaluating a module returns its exports (in 23.1 the only
                // way to reach an ES module's functions from Java without a file system).
                .allowExperimentalOptions(true)
                .option("js.esm-eval-returns-exports", "true")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    private synchronized Engine engine(long statementLimit) {
        return engines.computeIfAbsent(statementLimit, limit -> Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build());
    }

    @Override
    public synchronized void close() {
        engines.values().forEach(engine -> engine.close(true));
        engines.clear();
    }
}
