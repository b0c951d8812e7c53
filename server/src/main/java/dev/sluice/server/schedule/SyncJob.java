package dev.sluice.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.engine.sync.SyncListener;
import dev.sluice.engine.sync.SyncModels;
import dev.sluice.engine.sync.SyncOptions;
import dev.sluice.engine.sync.SyncRunResult;
import dev.sluice.engine.sync.SyncRunner;
import dev.sluice.engine.sync.Syncs;

/**
 * {@code sync: NAME} runs a reverse-ETL sync ({@code syncs/NAME.yml}) on the schedule, the same
 * way {@code sluice sync NAME} does. Stateless and thread-safe.
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
            if (context.workspace() == null) {
                return JobOutcome.failed(null, "this server has no project workspace to run syncs in");
            }
            try {
                SyncDefinition definition = Syncs.find(context.workspace().project(), sync);
                SyncRunResult result = new SyncRunner(context.workspace().warehouse(),
                        context.workspace().project().directory()).run(definition,
                                SyncModels.relation(context.workspace(), definition), SyncOptions.of(false, false),
                                SyncListener.NONE);
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
