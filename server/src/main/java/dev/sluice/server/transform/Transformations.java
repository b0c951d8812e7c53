package dev.sluice.server.transform;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A project's transformations, ready to run: one GraalJS engine and one watchdog for all of them, a
 * {@link TransformationRunner} per transformation (made when a chain first names it), and each one's
 * counts and log.
 *
 * <p>Thread-safe.
 */
public final class Transformations implements AutoCloseable {
    private final TransformationFiles files;
    private final Clock clock;
    private final JsEngine engine;
    private final Watchdog watchdog = new Watchdog();
    private final Map<String, TransformationRunner> runners = new ConcurrentHashMap<>();
    private final Map<String, TransformationStats> stats = new ConcurrentHashMap<>();

    /**
     * @param settings per transformation name ({@code collector.transformations} in {@code sluice.yml});
     *     transformations not listed get {@link TransformationSettings#DEFAULTS}
     * @throws SluiceException when settings name a transformation that has no file
     */
    public Transformations(TransformationFiles files, Map<String, TransformationSettings> settings, Clock clock) {
        for (String name : settings.keySet()) {
            if (!files.transformations().containsKey(name)) {
                throw unknown(name, files, "collector.transformations");
            }
        }
        Map<String, Transformation> configured = new TreeMap<>();
        files.transformations().forEach((name, transformation) -> configured.put(name,
                transformation.withSettings(settings.getOrDefault(name, TransformationSettings.DEFAULTS))));
        this.files = new TransformationFiles(configured, files.libraries());
        this.clock = clock;
        this.engine = new JsEngine(files.libraries());
    }

    public TransformationFiles files() {
        return files;
    }

    /**
     * The chain of {@code names}, in order, for events of {@code target}; loads each module the first time.
     *
     * @param where the {@code sluice.yml} field that binds them, for the error
     * @throws SluiceException naming a transformation that does not exist or does not load
     */
    public TransformationChain chain(List<String> names, TransformTarget target, String where) {
        List<TransformationRunner> steps = new ArrayList<>();
        for (String name : names) {
            steps.add(runner(name, where));
        }
        return new TransformationChain(steps, stats, target);
    }

    /** The runner of one transformation; loads its module the first time. */
    public TransformationRunner runner(String name, String where) {
        Transformation transformation = files.transformations().get(name);
        if (transformation == null) {
            throw unknown(name, files, where);
        }
        return runners.computeIfAbsent(name, key -> {
            stats.put(key, new TransformationStats());
            TransformationRunner runner = new TransformationRunner(engine, transformation, new TransformationLog(clock),
                    watchdog);
            runner.prewarm(Runtime.getRuntime().availableProcessors());
            return runner;
        });
    }

    /** Counts per transformation that has run (or been bound), by name. */
    public Map<String, TransformationStats> stats() {
        return new TreeMap<>(stats);
    }

    /** Logs per transformation that has been loaded, by name. */
    public Map<String, TransformationLog> logs() {
        Map<String, TransformationLog> logs = new LinkedHashMap<>();
        new TreeMap<>(runners).forEach((name, runner) -> logs.put(name, runner.log()));
        return logs;
    }

    private static SluiceException unknown(String name, TransformationFiles files, String where) {
        return new SluiceException(ErrorCode.TRANSFORMATION, "sluice.yml: " + where + ": no transformation \"" + name
                + "\"; expected a file " + TransformationFiles.FOLDER + "/" + name + ".js (found: "
                + (files.transformations().isEmpty() ? "none" : String.join(", ", files.transformations().keySet())) + ")");
    }

    @Override
    public void close() {
        runners.values().forEach(TransformationRunner::close);
        watchdog.close();
        engine.close();
    }
}
