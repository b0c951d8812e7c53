package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.SampleProject;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.extract.ExtractDefinition;
import dev.sluice.engine.extract.ExtractRunner;
import dev.sluice.engine.extract.Extracts;
import dev.sluice.engine.extract.StreamResult;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.run.RunResult;
import dev.sluice.sources.testing.FakeSalesforce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samples/dogfood's CRM from Salesforce: {@code sluice extract salesforce} against the fake lands Lead and
 * LeadHistory, and {@code lead_status_timeline} (with {@code DOGFOOD_CRM_SOURCE=salesforce}) builds the
 * leads' status timeline from the landed history; by default it reads the seeds and needs no network.
 */
class DogfoodSalesforceTest {
    private static final Path SAMPLE = Path.of("..", "samples", "dogfood");
    private static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");
    @TempDir
    Path directory;
    TestProject project;
    FakeSalesforce salesforce;

    @BeforeEach
    void open() throws Exception {
        project = new TestProject(directory);
        SampleProject.copy(SAMPLE, directory);
        salesforce = new FakeSalesforce();
    }

    @AfterEach
    void close() {
        project.close();
        salesforce.close();
    }

    private List<List<Object>> timeline() {
        return project.query("select lead_id, status, started_at, ended_at, is_current from analytics.lead_status_timeline"
                + " order by lead_id, started_at");
    }

    @Test
    void byDefaultTheTimelineComesFromTheSeedsWithoutNetwork() {
        new RawEvents(project);
        project.workspace().seed();
        RunResult run = project.run("lead_status_timeline");
        assertThat(run.failed()).as(run.toString()).isFalse();
        assertThat(timeline()).containsExactly(
                row("L001", "working", "2026-10-20T10:00", null, true),
                row("L002", "working", "2026-10-12T10:00", "2026-11-10T10:00", false),
                row("L002", "qualified", "2026-11-10T10:00", null, true),
                row("L004", "unqualified", "2026-11-20T10:00", null, true));
    }

    @Test
    void withTheSalesforceSourceTheTimelineComesFromTheExtractedLeadHistory() throws Exception {
        salesforce.standardObject("Lead", Map.of("Email", "email", "Status", "picklist", "HasOptedOutOfEmail", "boolean"));
        salesforce.historyObject("LeadHistory", "LeadId");
        salesforce.put("Lead", Map.of("Id", "00QL1", "Email", "person1031@soylent.com", "Status", "Working",
                "HasOptedOutOfEmail", false, "CreatedDate", T0, "SystemModstamp", T0.plusSeconds(7200)));
        history("017H1", "00QL1", "Status", "Open", "Working", T0.plusSeconds(3600));
        history("017H2", "00QL1", "Email", "x@soylent.com", "person1031@soylent.com", T0.plusSeconds(3700));
        history("017H3", "00QL1", "Status", "Working", "Nurturing", T0.plusSeconds(7200));
        Path yml = directory.resolve("sluice.yml");
        Files.writeString(yml, Files.readString(yml).replace("${env.DOGFOOD_CRM_SOURCE:-seeds}", "salesforce"));
        new RawEvents(project);

        ExtractDefinition definition = Extracts.select(directory, "salesforce", new EnvironmentInterpolator(Map.of(
                "DOGFOOD_SALESFORCE_LOGIN_URL", salesforce.baseUrl(),
                "DOGFOOD_SALESFORCE_CLIENT_ID", FakeSalesforce.CLIENT_ID,
                "DOGFOOD_SALESFORCE_CLIENT_SECRET", FakeSalesforce.CLIENT_SECRET,
                "DOGFOOD_SALESFORCE_REFRESH_TOKEN", FakeSalesforce.REFRESH_TOKEN)::get)).get(0);
        List<StreamResult> extracted = new ExtractRunner(project.workspace().warehouse())
                .runOrThrow(definition, false, result -> {});
        assertThat(extracted).extracting(StreamResult::table).map(Object::toString)
                .containsExactly("raw_salesforce.lead", "raw_salesforce.lead_history");
        assertThat(extracted).extracting(StreamResult::rows).containsExactly(1L, 3L);

        RunResult run = project.run("lead_status_timeline");
        assertThat(run.failed()).as(run.toString()).isFalse();
        assertThat(timeline()).containsExactly(
                row("00QL1", "Working", "2026-10-01T10:00", "2026-10-01T11:00", false),
                row("00QL1", "Nurturing", "2026-10-01T11:00", null, true));
    }

    private void history(String id, String lead, String field, String oldValue, String newValue, Instant at) {
        salesforce.put("LeadHistory", Map.of("Id", id, "LeadId", lead, "CreatedById", "005X", "CreatedDate", at,
                "Field", field, "DataType", "Text", "OldValue", oldValue, "NewValue", newValue));
    }

    private static List<Object> row(String lead, String status, String started, String ended, boolean current) {
        return Arrays.asList(lead, status, LocalDateTime.parse(started), ended == null ? null : LocalDateTime.parse(ended),
                current);
    }
}
