package dev.sluice.engine.run;

import java.time.Duration;
import java.util.List;

/** A whole run: its id, each selected model's result in the order they finished, and the wall time. */
public record RunResult(String runId, List<ModelRunResult> models, Duration elapsed) {
    public RunResult {
        models = List.copyOf(models);
    }

    public boolean failed() {
        return models.stream().anyMatch(model -> model.status() != ModelRunResult.Status.SUCCESS);
    }

    public long count(ModelRunResult.Status status) {
        return models.stream().filter(model -> model.status() == status).count();
    }
}
