package dev.sluice.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.extract.ExtractDefinition;
import dev.sluice.engine.extract.ExtractListener;
import dev.sluice.engine.extract.StreamResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code extract: NAME} pulls a source under {@code extract:} in {@code sluice.yml} on the schedule, as
 * {@code sluice extract NAME} does, through the server's {@code ExtractService}:
 *
 * <pre>{@code
 * extract: salesforce
 * extract: {source: stripe, full-refresh: true}
 * }</pre>
 *
 * The source's settings (and its {@code ${env.X}}) are read when the schedule fires, so a source edited or
 * removed since shows in that execution's outcome. Stateless and thread-safe.
 */
public final class ExtractJob implements JobKind {
    private static final Set<String> KEYS = Set.of("source", "full-refresh");

    @Override
    public String key() {
        return "extract";
    }

    @Override
    public ScheduledTask parse(String scheduleName, JsonNode value, String field) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                if (!KEYS.contains(entry.getKey())) {
                    throw new IllegalArgumentException(entry.getKey() + ": unknown key; expected one of full-refresh,"
                            + " source");
                }
            }
            JsonNode fullRefresh = value.path("full-refresh");
            if (!fullRefresh.isMissingNode() && !fullRefresh.isBoolean()) {
                throw new IllegalArgumentException("full-refresh: expected true or false, got " + fullRefresh);
            }
            return new Task(name(value.path("source")), fullRefresh.asBoolean(false));
        }
        return new Task(name(value), false);
    }

    private static String name(JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("write extract: NAME, a source under extract: in sluice.yml, got " + value);
        }
        return value.asText();
    }

    public record Task(String source, boolean fullRefresh) implements ScheduledTask {
        @Override
        public String describe() {
            return "extract " + source + (fullRefresh ? " (full refresh)" : "");
        }

        @Override
        public JobOutcome execute(JobContext context) {
            if (context.extracts() == null) {
                return JobOutcome.failed(null, "this server has no project workspace to extract into");
            }
            try {
                ExtractDefinition definition = context.extracts().select(source).get(0);
                List<StreamResult> results = context.extracts().run(definition, fullRefresh, ExtractListener.NONE);
                long rows = results.stream().mapToLong(StreamResult::rows).sum();
                List<String> failed = new ArrayList<>();
                results.forEach(result -> result.failed().ifPresent(failed::add));
                String summary = results.size() + " streams, " + rows + " rows";
                return failed.isEmpty() ? JobOutcome.success(null, summary)
                        : JobOutcome.failed(null, summary + "; " + failed.size() + " failed: " + String.join("; ", failed));
            } catch (SluiceException e) {
                return JobOutcome.failed(null, e.getMessage());
            }
        }
    }
}
