package dev.sluice.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.sync.SyncListener;
import dev.sluice.engine.sync.SyncOptions;
import dev.sluice.engine.sync.SyncRunResult;

/**
 * {@code sync: NAME} runs a reverse-ETL sync ({@code syncs/NAME.yml}) on the schedule, the same
 * way {@code sluice sync NAME} does: through the server's {@code SyncService}. Stateless and thread-safe.
 */
public final class SyncJob implements JobKind {
    @Override
    public String key() {
        return "sync";
    }

    @Override
    public ScheduledTask parse(String scheduleName, JsonNode value, String field) {
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("write sync: NAME, the name of a file in syncs/, got " + value);
        }
        return new Task(value.asText());
    }

    public record Task(String sync) implements ScheduledTask {
        @Override
        public String describe() {
            return "sync " + sync;
        }

        @Override
        public JobOutcome execute(JobContext context) throws InterruptedException {
            if (context.syncs() == null) {
                return JobOutcome.failed(null, "this server has no project workspace to run syncs in");
            }
            try {
                SyncRunResult result = context.syncs().run(sync, SyncOptions.of(false, false), SyncListener.NONE);
                String summary = "sent " + result.sent() + ", rejected " + result.rejected() + ", failed "
                        + result.failed() + ", pending " + result.pending();
                return result.rejected() + result.failed() > 0 ? JobOutcome.failed(result.runId(), summary)
                        : JobOutcome.success(result.runId(), summary);
            } catch (SluiceException e) {
                return JobOutcome.failed(null, "sync " + sync + ": " + e.getMessage());
            }
        }
    }
}
