package dev.sluice.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.server.run.RunRequest;
import dev.sluice.server.run.TrackedRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code run:} builds models through the server's {@link dev.sluice.server.run.RunService}, exactly
 * as {@code sluice run} would. The value is a selector, a list of them, or a map:
 *
 * <pre>{@code
 * run: tag:events
 * run: [+customers, tag:profiles]
 * run: {select: [tag:events], exclude: [stg_pages], full-refresh: false, threads: 4}
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class RunModelsJob implements JobKind {
    private static final Set<String> KEYS = Set.of("select", "exclude", "full-refresh", "threads");

    @Override
    public String key() {
        return "run";
    }

    @Override
    public ScheduledTask parse(String scheduleName, JsonNode value, String field) {
        List<String> select;
        List<String> exclude = List.of();
        boolean fullRefresh = false;
        int threads = Runtime.getRuntime().availableProcessors();
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (!KEYS.contains(entry.getKey())) {
                    throw new IllegalArgumentException(entry.getKey() + ": unknown key; expected one of "
                            + String.join(", ", KEYS.stream().sorted().toList()));
                }
            }
            select = selectors(value.path("select"), "select");
            exclude = selectors(value.path("exclude"), "exclude");
            fullRefresh = value.path("full-refresh").asBoolean(false);
            if (value.has("threads")) {
                if (!value.get("threads").canConvertToInt() || value.get("threads").asInt() < 1) {
                    throw new IllegalArgumentException("threads: expected a whole number of at least 1, got "
                            + value.get("threads"));
                }
                threads = value.get("threads").asInt();
            }
        } else {
            select = selectors(value, null);
        }
        return new Task(new RunRequest(select, exclude, fullRefresh, threads, "schedule:" + scheduleName));
    }

    private static List<String> selectors(JsonNode node, String key) {
        String where = key == null ? "" : key + ": ";
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        List<String> selectors = new ArrayList<>();
        if (node.isTextual()) {
            selectors.add(node.textValue());
        } else if (node.isArray()) {
            node.forEach(item -> {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException(where + "expected selectors such as tag:events, got " + item);
                }
                selectors.add(item.textValue());
            });
        } else {
            throw new IllegalArgumentException(where + "expected a selector such as tag:events, a list of them, or"
                    + " a map with select, exclude, full-refresh and threads; got " + node);
        }
        if (selectors.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(where + "a selector is empty");
        }
        return selectors;
    }

    /** @param request what to run; its trigger names the schedule */
    public record Task(RunRequest request) implements ScheduledTask {
        @Override
        public String describe() {
            return "run " + request.describe();
        }

        @Override
        public JobOutcome execute(JobContext context) throws InterruptedException {
            TrackedRun run = context.runs().submit(request);
            try {
                run.completion().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a tracked run never completes exceptionally", e);
            }
            if (run.error() != null) {
                return JobOutcome.failed(run.engineRunId(), run.error());
            }
            List<ModelRunResult> models = run.models();
            long succeeded = models.stream().filter(model -> model.status() == ModelRunResult.Status.SUCCESS).count();
            String summary = succeeded + " of " + models.size() + " models succeeded";
            return run.state() == TrackedRun.State.SUCCESS ? JobOutcome.success(run.engineRunId(), summary)
                    : JobOutcome.failed(run.engineRunId(), summary + "; failed: " + models.stream()
                            .filter(model -> model.status() != ModelRunResult.Status.SUCCESS)
                            .map(ModelRunResult::model).toList());
        }
    }
}
