package dev.sluice.engine.run;

import java.time.Duration;
import dev.sluice.engine.datatest.DataTestResult;
import java.util.List;

/**
 * A whole run: its id, each selected model's result in the order they finished, the data tests that
 * ran (with {@code sluice build} or {@code sluice test}), and the wall time.
 */
public record RunResult(String runId, List<ModelRunResult> models, List<DataTestResult> tests, Duration elapsed) {
    public RunResult {
        models = List.copyOf(models);
        tests = List.copyOf(tests);
    }

    public boolean failed() {
        return models.stream().anyMatch(model -> model.status() != ModelRunResult.Status.SUCCESS)
                || tests.stream().anyMatch(DataTestResult::failsRun);
    }

    public long count(ModelRunResult.Status status) {
        return models.stream().filter(model -> model.status() == status).count();
    }
}
