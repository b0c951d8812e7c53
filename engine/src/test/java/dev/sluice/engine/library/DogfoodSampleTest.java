package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.SampleProject;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.sample.DogfoodTraffic;
import dev.sluice.engine.datatest.DataTestResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.engine.sync.SyncListener;
import dev.sluice.engine.sync.SyncModels;
import dev.sluice.engine.sync.SyncOptions;
import dev.sluice.engine.sync.SyncRunResult;
import dev.sluice.engine.sync.SyncRunner;
import dev.sluice.engine.sync.Syncs;
import dev.sluice.spi.destination.DestinationRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/dogfood end to end on generated traffic: seeds, every model, every data test; the people
 * the identity graph finds are exactly the people the generator made, and the e-mail tool never
 * receives a person who opted out.
 */
class DogfoodSampleTest {
    private static final Path SAMPLE = Path.of("..", "samples", "dogfood");
    @TempDir
    Path directory;
    TestProject project;

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void runsEndToEndOnGeneratedTraffic() throws Exception {
        project = new TestProject(directory);
        // Over the default sluice.yml TestProject writes.
        SampleProject.copy(SAMPLE, directory);
        new RawEvents(project);
        DogfoodTraffic traffic = new DogfoodTraffic(42);
        Path csv = directory.resolve("events.csv");
        int events = traffic.write(csv, 4000);
        project.execute(DogfoodTraffic.load(csv));
        assertThat(project.workspace().seed()).hasSize(4);

        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().values()).allSatisfy(model -> assertThat(model.status()).as(model.name())
                .isEqualTo(ValidationStatus.VALIDATED));
        RunResult run = project.run();
        assertThat(run.failed()).as(run.toString()).isFalse();
        RunResult tests = test();
        assertThat(tests.tests()).isNotEmpty().allSatisfy(result -> assertThat(result.status())
                .as(result.test() + ": " + result.message()).isEqualTo(DataTestResult.Status.PASS));

        assertThat(project.query("select count(*) from rudder.events").get(0).get(0)).isEqualTo((long) events);
        // Every id is where the generator put it: the same people, no more, no fewer.
        Map<Object, List<String>> people = new HashMap<>();
        project.query("select sluice_id, id_type || ':' || id from analytics.id_graph").forEach(row ->
                people.computeIfAbsent(row.get(0), key -> new ArrayList<>()).add((String) row.get(1)));
        Map<Integer, List<String>> truth = new HashMap<>();
        traffic.personOfId().forEach((id, person) -> truth.computeIfAbsent(person, key -> new ArrayList<>()).add(id));
        assertThat(UnionFind.asComponents(people.values())).isEqualTo(UnionFind.asComponents(truth.values()));
        // Nobody who may not be e-mailed reaches the e-mail tool; internal people reach nothing.
        assertThat(project.query("select count(*) from analytics.email_tool_people e join analytics.consent_status c"
                + " on c.sluice_id = e.sluice_id and c.channel = 'email' where not c.allowed")).containsExactly(List.of(0L));
        assertThat(project.query("select count(*) from analytics.email_tool_people where email like '%@sluice.dev'"))
                .containsExactly(List.of(0L));
        assertThat(project.query("select count(*) from analytics.profiles where signed_up_at is not null").get(0).get(0))
                .isEqualTo((long) traffic.signedUp() - internalSignUps());
        // The CRM's leads matched on e-mail; the CRM's later opt-out of person1048 wins over the sign-up.
        assertThat(project.query("select lead_id, account_id, has_opted_out_of_email from analytics.crm_lead_updates"
                + " where lead_id is not null order by lead_id")).containsExactly(List.of("L001", "A001", false),
                        List.of("L002", "A002", true), List.of("L004", "A004", true));
        assertThat(project.query("select count(*) from analytics.email_tool_people where email in"
                + " ('person1048@tyrell.com', 'person1051@hooli.com', 'person1031@soylent.com')"))
                .containsExactly(List.of(1L));
        assertThat(project.query("select count(*) from analytics.internal_people")).containsExactly(List.of(5L));

        // The daily sync to the e-mail tool, dry run: every consented person, nobody who opted out.
        SyncDefinition sync = Syncs.find(project.workspace().project(), "email_tool");
        List<String> sent = new ArrayList<>();
        SyncRunResult dryRun = new SyncRunner(project.workspace().warehouse(), directory).run(sync,
                SyncModels.relation(project.workspace(), sync), SyncOptions.of(true, false), new SyncListener() {
                    @Override
                    public boolean dryRunRecord(String change, DestinationRecord record, String key, String problem) {
                        sent.add(key);
                        return true;
                    }
                });
        long consented = (Long) project.query("select count(*) from analytics.email_tool_people").get(0).get(0);
        assertThat(dryRun.plan().total()).isEqualTo(consented).isPositive();
        List<Object> mayBeEmailed = project.query("select email from analytics.email_tool_people").stream()
                .map(row -> row.get(0)).toList();
        assertThat(sent).containsExactlyInAnyOrderElementsOf(mayBeEmailed.stream().map(String::valueOf).toList())
                .doesNotContain("person1048@tyrell.com", "person1051@hooli.com");
    }

    private long internalSignUps() {
        return ((Number) project.query("select count(*) from analytics.id_graph where id_type = 'email'"
                + " and id like '%@sluice.dev'").get(0).get(0)).longValue();
    }

    private RunResult test() {
        try {
            return project.workspace().test(List.of(), List.of(), RunListener.NONE);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
