package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.server.reload.ReloadProblem;
import dev.sluice.server.reload.ReloadStatus;
import dev.sluice.server.run.TrackedRun;
import dev.sluice.server.schedule.ScheduleHistory;
import dev.sluice.server.schedule.ScheduleStatus;
import dev.sluice.spi.WarehouseCursor;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin API's JSON shapes, as the OpenAPI document describes them: timestamps are ISO-8601 UTC
 * strings, states lower-case. Thread-safe (stateless).
 */
public final class ApiJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ObjectNode error(String code, String message) {
        return object().put("error", code).put("message", message);
    }

    /** The served project and its latest reload, as {@code /health} and {@code /api/reload} show them. */
    public static ObjectNode reload(ReloadStatus status) {
        ObjectNode json = object();
        json.put("status", status.failed() ? "reload_failed" : "loaded");
        json.put("generation", status.generation());
        json.put("loadedAt", time(status.loadedAt()));
        if (status.lastAttempt() != null) {
            json.putObject("lastReload").put("at", time(status.lastAttempt().at()))
                    .put("reason", status.lastAttempt().reason()).put("swapped", status.lastAttempt().swapped());
        }
        ArrayNode errors = json.putArray("errors");
        for (ReloadProblem problem : status.problems()) {
            ObjectNode error = errors.addObject();
            error.put("file", problem.file());
            error.put("line", problem.line());
            error.put("column", problem.column());
            error.put("message", problem.message());
        }
        ArrayNode notes = json.putArray("notes");
        status.notes().forEach(notes::add);
        ArrayNode restart = json.putArray("restartNeeded");
        status.restartNeeded().forEach(restart::add);
        if (!status.restartNeeded().isEmpty()) {
            json.put("restartMessage", status.restartMessage());
        }
        return json;
    }

    /** A tracked run; with {@code detail}, its models and log too. */
    public static ObjectNode run(TrackedRun run, boolean detail) {
        ObjectNode json = object();
        json.put("id", run.id());
        json.put("runId", run.engineRunId());
        json.put("state", lower(run.state()));
        json.put("trigger", run.request().trigger());
        json.put("selection", run.request().describe());
        json.put("queuedAt", time(run.queuedAt()));
        json.put("startedAt", time(run.startedAt()));
        json.put("endedAt", time(run.endedAt()));
        json.put("total", run.total());
        json.put("error", run.error());
        List<ModelRunResult> models = run.models();
        json.put("succeeded", models.stream().filter(model -> model.status() == ModelRunResult.Status.SUCCESS).count());
        json.put("failed", models.stream().filter(model -> model.status() == ModelRunResult.Status.ERROR
                || model.status() == ModelRunResult.Status.TESTS_FAILED).count());
        if (detail) {
            ArrayNode array = json.putArray("models");
            for (ModelRunResult model : models) {
                array.addObject().put("model", model.model()).put("kind", model.kind().configName())
                        .put("status", lower(model.status())).put("rows", model.rows())
                        .put("startedAt", time(model.started())).put("endedAt", time(model.ended()))
                        .put("error", model.error());
            }
            ArrayNode log = json.putArray("log");
            run.log().forEach(log::add);
        }
        return json;
    }

    /** A run known only from {@code sluice.run_history} (another process, or before a restart). */
    public static ObjectNode historyRun(Map<String, Object> row) {
        long failed = number(row.get("failed"));
        ObjectNode json = object();
        json.put("id", (String) row.get("run_id"));
        json.put("runId", (String) row.get("run_id"));
        json.put("state", failed > 0 ? "failed" : "success");
        json.putNull("trigger");
        json.putNull("selection");
        json.put("startedAt", time(row.get("started_at")));
        json.put("endedAt", time(row.get("ended_at")));
        json.put("total", number(row.get("models")));
        json.put("succeeded", number(row.get("succeeded")));
        json.put("failed", failed);
        return json;
    }

    public static ObjectNode schedule(ScheduleStatus status) {
        ObjectNode json = object();
        json.put("name", status.name());
        json.put("kind", status.kind());
        json.put("task", status.task());
        json.put("cron", status.cron());
        json.put("quartzCron", status.quartzCron());
        json.put("timeZone", status.timeZone());
        json.put("nextFireAt", time(status.nextFireAt()));
        json.put("runningSince", time(status.runningSince()));
        json.set("last", status.last() == null ? null : execution(status.last()));
        return json;
    }

    public static ObjectNode execution(ScheduleHistory.Entry entry) {
        return object().put("reason", lower(entry.reason())).put("scheduledAt", time(entry.scheduledAt()))
                .put("startedAt", time(entry.startedAt())).put("endedAt", time(entry.endedAt()))
                .put("status", lower(entry.status())).put("runId", entry.runId()).put("message", entry.message());
    }

    /** A warehouse row with its timestamps as ISO strings. */
    public static ObjectNode row(Map<String, Object> row) {
        ObjectNode json = object();
        row.forEach((column, value) -> {
            if (value instanceof TemporalAccessor) {
                json.put(column, time(value));
            } else {
                json.set(column, MAPPER.valueToTree(value));
            }
        });
        return json;
    }

    public static String time(Object value) {
        if (value == null) {
            return null;
        }
        Instant instant = WarehouseCursor.instant(value);
        return instant != null ? instant.toString() : value.toString();
    }

    public static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static String write(JsonNode json) {
        return json.toString();
    }
}
