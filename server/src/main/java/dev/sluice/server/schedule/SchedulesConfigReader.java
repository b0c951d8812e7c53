package dev.sluice.server.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.project.ProjectConfigReader;
import dev.sluice.engine.project.Yaml;
import dev.sluice.engine.sync.SyncDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * Reads the {@code schedules:} section of a project's {@code sluice.yml}:
 *
 * <pre>{@code
 * schedules:
 *   event-models:              # the schedule's name: letters, digits, - and _
 *     cron: every 30 minutes   # Quartz cron, or @hourly, @daily, every N seconds|minutes|hours
 *     time-zone: UTC           # the default
 *     run: tag:events          # one job kind: run (models) or load (spooled events)
 *   profiles:
 *     cron: "@daily"
 *     run: {select: [tag:profiles], full-refresh: true}
 *   load-events:
 *     cron: every 5 minutes
 *     load: true
 * }</pre>
 *
 * No section means no schedules. Thread-safe.
 */
public final class SchedulesConfigReader {
    private static final Set<String> FIXED_KEYS = Set.of("cron", "time-zone");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private final EnvironmentInterpolator interpolator;

    public SchedulesConfigReader(EnvironmentInterpolator interpolator) {
        this.interpolator = interpolator;
    }

    /** @throws SluiceException naming {@code sluice.yml} and the field that is wrong */
    public List<Schedule> read(Path projectDirectory) {
        JsonNode root = Yaml.read(projectDirectory.resolve(ProjectConfigReader.FILE_NAME), ProjectConfigReader.FILE_NAME);
        return read(root.path("schedules"));
    }

    List<Schedule> read(JsonNode section) {
        if (section.isMissingNode() || section.isNull()) {
            return List.of();
        }
        if (!section.isObject()) {
            throw error("schedules", "expected a map of schedule name to {cron, run | load}");
        }
        List<Schedule> schedules = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            schedules.add(schedule(entry.getKey(), entry.getValue()));
        }
        return schedules;
    }

    private Schedule schedule(String name, JsonNode node) {
        String field = "schedules." + name;
        if (!NAME.matcher(name).matches()) {
            throw error(field, "a schedule name is letters, digits, - and _ (it names history rows and API paths)");
        }
        if (!node.isObject()) {
            throw error(field, "expected a map with cron and one of " + String.join(", ", JobKinds.keys()));
        }
        Set<String> kinds = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(key -> {
            if (JobKinds.byKey(key).isPresent()) {
                kinds.add(key);
            } else if (!FIXED_KEYS.contains(key)) {
                List<String> expected = new ArrayList<>(FIXED_KEYS.stream().sorted().toList());
                expected.addAll(JobKinds.keys());
                throw error(field + "." + key, "unknown key; expected one of " + String.join(", ", expected));
            }
        });
        if (kinds.size() != 1) {
            throw error(field, kinds.isEmpty()
                    ? "say what the schedule does with one of " + String.join(", ", JobKinds.keys())
                            + " (for example run: tag:events)"
                    : "a schedule does one thing; it has " + String.join(" and ", kinds) + ": split it in two");
        }
        String kindKey = kinds.iterator().next();
        TimeZone zone = zone(node.path("time-zone"), field + ".time-zone");
        JsonNode cronNode = node.path("cron");
        if (!cronNode.isValueNode()) {
            throw error(field + ".cron", "every schedule needs a cron: a Quartz cron expression such as"
                    + " \"0 0/30 * * * ?\", or @hourly, @daily, every 30 minutes");
        }
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(interpolator.interpolate(cronNode.asText(), field + ".cron"), zone);
        } catch (IllegalArgumentException e) {
            throw error(field + ".cron", e.getMessage());
        }
        ScheduledTask task;
        try {
            task = JobKinds.byKey(kindKey).orElseThrow().parse(name, node.get(kindKey), field + "." + kindKey);
        } catch (IllegalArgumentException e) {
            throw error(field + "." + kindKey, e.getMessage());
        }
        return new Schedule(name, cron, kindKey, task);
    }

    /**
     * {@code declared} plus a schedule {@code sync-NAME} (UTC) for each sync file with a {@code schedule:}.
     *
     * @throws SluiceException when a sync is scheduled both in its file and in {@code sluice.yml}, or its cron
     *     is not one
     */
    public static List<Schedule> withSyncSchedules(List<Schedule> declared, Collection<SyncDefinition> syncs) {
        List<Schedule> schedules = new ArrayList<>(declared);
        for (SyncDefinition sync : syncs) {
            if (sync.schedule() == null) {
                continue;
            }
            String name = "sync-" + sync.name();
            for (Schedule other : declared) {
                if (other.task() instanceof SyncJob.Task task && task.sync().equals(sync.name())
                        || other.name().equals(name)) {
                    throw new SluiceException(ErrorCode.PROJECT_CONFIG, sync.where("schedule") + ": sync "
                            + sync.name() + " is also scheduled in sluice.yml (schedules." + other.name() + "):"
                            + " keep one of the two");
                }
            }
            try {
                schedules.add(new Schedule(name, CronSchedule.parse(sync.schedule(), TimeZone.getTimeZone("UTC")),
                        "sync", new SyncJob.Task(sync.name())));
            } catch (IllegalArgumentException e) {
                throw new SluiceException(ErrorCode.PROJECT_CONFIG, sync.where("schedule") + ": " + e.getMessage());
            }
        }
        return schedules;
    }

    private static TimeZone zone(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return TimeZone.getTimeZone("UTC");
        }
        try {
            return TimeZone.getTimeZone(java.time.ZoneId.of(node.asText()));
        } catch (java.time.DateTimeException e) {
            throw error(field, "unknown time zone \"" + node.asText() + "\"; write an id such as UTC or Europe/Berlin");
        }
    }

    private static SluiceException error(String field, String message) {
        return new SluiceException(ErrorCode.PROJECT_CONFIG, ProjectConfigReader.FILE_NAME + ": " + field + ": " + message);
    }
}
