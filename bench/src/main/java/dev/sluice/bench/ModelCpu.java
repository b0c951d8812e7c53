package dev.sluice.bench;

import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The process CPU time spent while each model of a run built ({@link ProcessCpu}: DuckDB's worker threads are
 * threads of this process, so a model's statements count in full, with the engine's own work around them). A
 * model that built while another one did is marked {@linkplain #overlapped() overlapped}: the CPU of both is in
 * each one's time. Thread-safe: the runner calls it from its worker threads.
 */
final class ModelCpu implements RunListener {
    private final Map<String, Double> startedMillis = new HashMap<>();
    private final Map<String, Double> seconds = new HashMap<>();
    private final Set<String> overlapped = new HashSet<>();

    @Override
    public synchronized void modelStarted(String model) {
        if (!startedMillis.isEmpty()) {
            overlapped.add(model);
            overlapped.addAll(startedMillis.keySet());
        }
        startedMillis.put(model, ProcessCpu.millis());
    }

    @Override
    public synchronized void modelFinished(ModelRunResult result) {
        Double started = startedMillis.remove(result.model());
        if (started != null) {
            seconds.put(result.model(), (ProcessCpu.millis() - started) / 1e3);
        }
    }

    /** CPU seconds by model, for the models that started and finished. */
    synchronized Map<String, Double> seconds() {
        return Map.copyOf(seconds);
    }

    /** The models that built while another model of the run built too. */
    synchronized Set<String> overlapped() {
        return Set.copyOf(overlapped);
    }
}
