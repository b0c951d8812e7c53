package dev.sluice.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.load.LoadResult;

/**
 * {@code load: true} moves what the collector spooled into the warehouse now, besides the
 * collector's own {@code load-interval}. Stateless and thread-safe.
 */
public final class LoadEventsJob implements JobKind {
    @Override
    public String key() {
        return "load";
    }

    @Override
    public ScheduledTask parse(String scheduleName, JsonNode value, String field) {
        if (!value.isBoolean() || !value.booleanValue()) {
            throw new IllegalArgumentException("write load: true to load the collector's spooled events on this"
                    + " schedule, got " + value);
        }
        return new Task();
    }

    public record Task() implements ScheduledTask {
        @Override
        public String describe() {
            return "load spooled events";
        }

        @Override
        public JobOutcome execute(JobContext context) {
            if (context.loadEvents() == null) {
                return JobOutcome.failed(null, "this server has no collector; remove the load schedule or add a"
                        + " collector section to sluice.yml");
            }
            try {
                LoadResult result = context.loadEvents().get();
                return JobOutcome.success(null, result.inserted() + " events loaded (" + result.duplicates()
                        + " duplicates dropped)");
            } catch (RuntimeException e) {
                return JobOutcome.failed(null, "the load failed: " + e.getMessage());
            }
        }
    }
}
