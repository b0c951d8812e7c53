package dev.sluice.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.project.ProjectConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code schedules:} section of {@code sluice.yml}: what it accepts, and errors naming the field. */
class ScheduleConfigTest {
    @TempDir
    Path project;

    private List<Schedule> read(String schedules) throws IOException {
        Files.writeString(project.resolve("sluice.yml"), "name: p\nschedules:\n" + schedules);
        return new SchedulesConfigReader(new EnvironmentInterpolator(Map.of("EVENTS_CRON", "@hourly")::get))
                .read(project);
    }

    @Test
    void readsModelRunsAndLoadsWithShorthandsAndCron() throws IOException {
        List<Schedule> schedules = read("""
                  event-models:
                    cron: every 30 minutes
                    run: tag:events
                  profiles:
                    cron: "0 0 3 * * ?"
                    time-zone: Europe/Berlin
                    run: {select: [tag:profiles, +customers], exclude: [users], full-refresh: true, threads: 2}
                  hourly:
                    cron: ${env.EVENTS_CRON}
                    run: [stg_tracks]
                  load-events:
                    cron: every 5 minutes
                    load: true
                """);

        assertThat(schedules).extracting(Schedule::name).containsExactly("event-models", "profiles", "hourly",
                "load-events");
        assertThat(schedules).extracting(Schedule::kind).containsExactly("run", "run", "run", "load");
        assertThat(schedules.get(0).task().describe()).isEqualTo("run tag:events");
        assertThat(schedules.get(1).task().describe()).isEqualTo("run tag:profiles +customers --exclude users");
        assertThat(((RunModelsJob.Task) schedules.get(1).task()).request().trigger()).isEqualTo("schedule:profiles");
        assertThat(((RunModelsJob.Task) schedules.get(1).task()).request().fullRefresh()).isTrue();
        assertThat(schedules.get(1).cron().zone().getID()).isEqualTo("Europe/Berlin");
        assertThat(schedules.get(2).cron().quartzCron()).isEqualTo("0 0 * * * ?");
        assertThat(schedules.get(3).task().describe()).isEqualTo("load spooled events");
    }

    @Test
    void theProjectReaderAcceptsTheSection() throws IOException {
        read("  nightly: {cron: '@daily', run: tag:events}\n");

        assertThat(new ProjectConfigReader(EnvironmentInterpolator.system()).read(project).name())
                .isEqualTo("p");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> read("  a: {run: tag:events}\n")).hasMessageContaining("sluice.yml: schedules.a.cron:")
                .hasMessageContaining("every schedule needs a cron");
        assertThatThrownBy(() -> read("  a: {cron: '@daily'}\n")).hasMessageContaining("schedules.a: say what the"
                + " schedule does with one of run, load");
        assertThatThrownBy(() -> read("  a: {cron: '@daily', run: x, load: true}\n"))
                .hasMessageContaining("schedules.a: a schedule does one thing; it has run and load");
        assertThatThrownBy(() -> read("  a: {cron: '@daily', run: x, every: 5}\n"))
                .hasMessageContaining("schedules.a.every: unknown key; expected one of cron, time-zone, run, load");
        assertThatThrownBy(() -> read("  a: {cron: every 45 minutes, run: x}\n"))
                .hasMessageContaining("schedules.a.cron: \"every 45 minutes\": 45 minutes do not divide");
        assertThatThrownBy(() -> read("  a: {cron: '@daily', run: {select: [1]}}\n"))
                .hasMessageContaining("schedules.a.run: select: expected selectors such as tag:events, got 1");
        assertThatThrownBy(() -> read("  a: {cron: '@daily', run: {selekt: x}}\n"))
                .hasMessageContaining("schedules.a.run: selekt: unknown key");
        assertThatThrownBy(() -> read("  a: {cron: '@daily', load: yes please}\n"))
                .hasMessageContaining("schedules.a.load: write load: true");
        assertThatThrownBy(() -> read("  a: {cron: '@daily', time-zone: Mars/Olympus, run: x}\n"))
                .hasMessageContaining("schedules.a.time-zone: unknown time zone \"Mars/Olympus\"");
        assertThatThrownBy(() -> read("  'a b': {cron: '@daily', run: x}\n"))
                .hasMessageContaining("schedules.a b: a schedule name is letters, digits, - and _");
    }

    private dev.sluice.engine.sync.SyncDefinition sync(String name, String schedule) throws IOException {
        Path file = project.resolve(name + ".yml");
        Files.writeString(file, "model: customers\ndestination: {type: webhook, url: 'http://localhost:1/'}\n"
                + "primary_key: id\nmapping: {email: email}\n" + (schedule == null ? "" : "schedule: \"" + schedule + "\"\n"));
        return dev.sluice.engine.sync.SyncReader.read(file, "syncs/" + name + ".yml");
    }

    @Test
    void aSyncFilesScheduleBecomesAScheduleOfItsOwn() throws IOException {
        List<Schedule> declared = read("  events: {cron: '@hourly', run: tag:events}\n");

        List<Schedule> all = SchedulesConfigReader.withSyncSchedules(declared,
                List.of(sync("crm", "0 0 6 * * ?"), sync("ads", null)));

        assertThat(all).extracting(Schedule::name).containsExactly("events", "sync-crm");
        Schedule crm = all.get(1);
        assertThat(crm.kind()).isEqualTo("sync");
        assertThat(crm.task()).isEqualTo(new SyncJob.Task("crm"));
        assertThat(crm.cron().quartzCron()).isEqualTo("0 0 6 * * ?");
    }

    @Test
    void aSyncScheduledTwiceOrWithABadCronIsAnErrorNamingItsFile() throws IOException {
        List<Schedule> declared = read("  nightly-crm: {cron: '@daily', sync: crm}\n");

        assertThatThrownBy(() -> SchedulesConfigReader.withSyncSchedules(declared, List.of(sync("crm", "@hourly"))))
                .hasMessageContaining("syncs/crm.yml: schedule: sync crm is also scheduled in sluice.yml"
                        + " (schedules.nightly-crm)");
        assertThatThrownBy(() -> SchedulesConfigReader.withSyncSchedules(List.of(), List.of(sync("ads", "sometimes"))))
                .hasMessageContaining("syncs/ads.yml: schedule:");
    }

    @Test
    void noSectionMeansNoSchedules() throws IOException {
        Files.writeString(project.resolve("sluice.yml"), "name: p\n");

        assertThat(new SchedulesConfigReader(EnvironmentInterpolator.system()).read(project)).isEmpty();
    }
}
