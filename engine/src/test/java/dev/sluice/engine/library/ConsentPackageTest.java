package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consent package: one status per person and channel, the latest signal of any source winning. */
class ConsentPackageTest {
    @TempDir
    Path directory;
    TestProject project;

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void theLatestSignalWinsWithItsSourceAndTime() {
        project = new TestProject(directory).file("sluice.yml", """
                name: app
                packages: [rudder, identity, consent]
                targets:
                  duckdb: {path: target/app.duckdb, schema: analytics}
                sources:
                  crm:
                    schema: crm
                    tables:
                      - name: leads
                        columns: {email: VARCHAR, has_opted_out_of_email: BOOLEAN, last_modified_at: TIMESTAMPTZ}
                vars:
                  consent_channels: {email: [email, C0005], sms: [sms], ads: [C0004, advertising], analytics: [C0002, analytics]}
                  consent_crm_opt_outs: {source: crm, table: leads, email: email, opted_out: has_opted_out_of_email, updated_at: last_modified_at}
                """);
        project.execute("create schema crm");
        project.execute("create table crm.leads (email varchar, has_opted_out_of_email boolean, last_modified_at timestamptz)");
        project.execute("insert into crm.leads values ('ADA@x.dev', true, '2026-11-05 09:00:00'),"
                + " ('bob@x.dev', false, '2026-11-01 09:00:00')");
        new RawEvents(project)
                // Ada: the cookie banner allows analytics and ads, denies e-mail (OneTrust-style ids).
                .page("a1", null, "2026-11-01 09:00:00", "{\"consentManagement\": {\"allowedConsentIds\": [\"C0002\","
                        + " \"C0004\"], \"deniedConsentIds\": [\"C0005\"]}}")
                // Then she subscribes by trait, and the CRM opts her out last.
                .identify("a1", "u1", "2026-11-03 09:00:00", "{\"email\": \"ada@x.dev\", \"unsubscribed\": false}")
                // Bob: Segment's category preferences deny advertising; an identify unsubscribes him after the CRM.
                .page("b1", null, "2026-11-01 10:00:00", "{\"consent\": {\"categoryPreferences\": {\"Advertising\": false,"
                        + " \"Analytics\": true}}}")
                .identify("b1", "u2", "2026-11-02 09:00:00", "{\"email\": \"bob@x.dev\", \"unsubscribed\": true}")
                // Cy: no signal at all.
                .page("c1", null, "2026-11-01 11:00:00", "{}")
                .flush();
        CompiledProject compiled = project.compile();
        assertThat(compiled.hasErrors()).as(compiled.diagnostics().toString()).isFalse();
        assertThat(compiled.models().get("consent_status").status()).isEqualTo(ValidationStatus.VALIDATED);
        RunResult result = project.run();
        assertThat(result.failed()).as(result.toString()).isFalse();

        assertThat(project.query("""
                select a.id, s.channel, s.status, s.allowed, s.source, cast(s.signal_at as varchar)
                from analytics.consent_status s
                join analytics.id_graph a on a.sluice_id = s.sluice_id and a.id_type = 'anonymous_id'
                order by a.id, s.channel"""))
                .containsExactly(
                        Arrays.asList("a1", "ads", "granted", true, "rudderstack consentManagement", "2026-11-01 09:00:00+00"),
                        Arrays.asList("a1", "analytics", "granted", true, "rudderstack consentManagement",
                                "2026-11-01 09:00:00+00"),
                        Arrays.asList("a1", "email", "denied", false, "crm leads.has_opted_out_of_email",
                                "2026-11-05 09:00:00+00"),
                        Arrays.asList("a1", "sms", "unknown", false, null, null),
                        Arrays.asList("b1", "ads", "denied", false, "segment categoryPreferences", "2026-11-01 10:00:00+00"),
                        Arrays.asList("b1", "analytics", "granted", true, "segment categoryPreferences",
                                "2026-11-01 10:00:00+00"),
                        Arrays.asList("b1", "email", "denied", false, "trait unsubscribed", "2026-11-02 09:00:00+00"),
                        Arrays.asList("b1", "sms", "unknown", false, null, null),
                        Arrays.asList("c1", "ads", "unknown", false, null, null),
                        Arrays.asList("c1", "analytics", "unknown", true, null, null),
                        Arrays.asList("c1", "email", "unknown", true, null, null),
                        Arrays.asList("c1", "sms", "unknown", false, null, null));
        // Ada's history: denied by the banner, granted by the trait, denied by the CRM.
        assertThat(project.query("""
                select s.status, s.source from analytics.consent_signals s
                join analytics.id_graph a on a.sluice_id = s.sluice_id and a.id = 'a1'
                where s.channel = 'email' order by s.signal_at"""))
                .containsExactly(Arrays.asList("denied", "rudderstack consentManagement"),
                        Arrays.asList("granted", "trait unsubscribed"),
                        Arrays.asList("denied", "crm leads.has_opted_out_of_email"));
    }
}
