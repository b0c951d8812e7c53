package dev.sluice.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.destination.DestinationRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that dies midway, dry runs and full resyncs. */
class SyncResumeTest {
    @TempDir
    Path directory;
    SyncFixture fixture;

    @BeforeEach
    void open() {
        fixture = new SyncFixture(directory);
        fixture.customers(0, 20);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Dies right after its first commit, with batches still in flight: as a killed process would. */
    private static final SyncListener DIES_AFTER_FIRST_COMMIT = new SyncListener() {
        @Override
        public void progress(long sent, long rejected, long failed) {
            throw new IllegalStateException("killed");
        }
    };

    @Test
    void anUpsertRunKilledMidwayResumesWithoutLosingRows() {
        fixture.sync("primary_key: user_id\nmapping: {email: email}\nbatch_size: 2\nconcurrency: 2\n");
        assertThatThrownBy(() -> fixture.run(SyncOptions.of(false, false), DIES_AFTER_FIRST_COMMIT))
                .hasMessage("killed");
        long committed = (Long) fixture.query("select count(*) from sluice.sync_state__crm").get(0).get(0);
        assertThat(committed).isBetween(2L, 18L);
        SyncRunResult resumed = fixture.run();
        assertThat(resumed.plan().added()).isEqualTo(20 - committed);
        assertThat(fixture.destination().held()).hasSize(20);
        // Only the batches in flight at the kill can be sent twice; an upsert by key makes that harmless.
        assertThat(fixture.destination().received().values()).allMatch(count -> count <= 2);
        assertThat(fixture.destination().received().values().stream().mapToInt(Integer::intValue).sum())
                .isLessThanOrEqualTo(20 + 2 * 2);
    }

    @Test
    void anInsertRunKilledMidwayNeverInsertsARowTwice() {
        fixture.sync("mode: insert\nprimary_key: user_id\nmapping: {email: email}\nbatch_size: 2\nconcurrency: 2\n");
        assertThatThrownBy(() -> fixture.run(SyncOptions.of(false, false), DIES_AFTER_FIRST_COMMIT))
                .hasMessage("killed");
        SyncRunResult resumed = fixture.run();
        assertThat(fixture.destination().received().values()).allMatch(count -> count == 1);
        assertThat(resumed.recovered() + resumed.sent() + (20 - resumed.plan().total() - resumed.recovered()))
                .isEqualTo(20);
        assertThat(fixture.query("select count(*) from sluice.sync_results where status = 'unconfirmed'").get(0)
                .get(0)).isEqualTo(resumed.recovered());
        assertThat(fixture.query("select count(*) from sluice.sync_state__crm")).containsExactly(List.of(20L));
    }

    @Test
    void aDryRunListsThePayloadsAndChangesNothing() {
        fixture.sync("primary_key: user_id\nmapping: {email: email}\n");
        List<String> listed = new ArrayList<>();
        SyncRunResult dry = fixture.run(SyncOptions.of(true, false), new SyncListener() {
            @Override
            public boolean dryRunRecord(String change, DestinationRecord record, String key, String problem) {
                listed.add(change + " " + key + " " + record.fields());
                return listed.size() < 3;
            }
        });
        assertThat(dry.plan().added()).isEqualTo(20);
        assertThat(listed).containsExactly("UPSERT u0 {email=u0@example.com}", "UPSERT u1 {email=u1@example.com}",
                "UPSERT u10 {email=u10@example.com}");
        assertThat(fixture.destination().requests()).isEmpty();
        assertThat(fixture.run().sent()).isEqualTo(20);
        assertThat(fixture.run(SyncOptions.of(true, false), SyncListener.NONE).plan().total()).isZero();
        assertThat(fixture.run(SyncOptions.of(true, true), SyncListener.NONE).plan().total()).isEqualTo(20);
        assertThat(fixture.run().plan().total()).as("a dry full resync forgets nothing").isZero();
        assertThat(fixture.run(SyncOptions.of(false, true), SyncListener.NONE).sent()).isEqualTo(20);
    }

    @Test
    void aPayloadTemplateRendersEachRowAndARowItCannotRenderIsRejected() {
        fixture.project.file("templates/crm.json.ftl", """
                {"id": ${json.user_id}, "traits": {"email": ${json.email}, "plan": "${row.plan?upper_case}"}}
                """);
        fixture.project.execute("update customers set plan = null where user_id = 'u3'");
        fixture.sync("primary_key: user_id\ntemplate: crm.json.ftl\n");
        SyncRunResult result = fixture.run();
        assertThat(result.sent()).isEqualTo(19);
        assertThat(fixture.destination().held().get("u1")).containsEntry("payload",
                "{\"id\": \"u1\", \"traits\": {\"email\": \"u1@example.com\", \"plan\": \"FREE\"}}\n");
        assertThat((String) fixture.query("select error from sluice.sync_results where row_key = 'u3'").get(0).get(0))
                .startsWith("syncs/crm.yml: row user_id=u3: crm.json.ftl:1:")
                .contains("row.plan");
    }

    @Test
    void theShippedCustomerIoTemplateRendersAttributes() {
        fixture.sync("primary_key: user_id\ntemplate: destinations/customerio-person.json.ftl\n");
        fixture.run();
        assertThat(fixture.destination().held().get("u1").get("payload").toString().strip())
                .isEqualTo("{\"email\": \"u1@example.com\", \"plan\": \"free\"}");
    }

    @Test
    void theShippedWebhookTemplateRenders() {
        fixture.sync("primary_key: user_id\ntemplate: destinations/webhook.json.ftl\n");
        fixture.run();
        assertThat(fixture.destination().held().get("u1").get("payload").toString()).contains("\"key\": \"u1\"")
                .contains("\"email\": \"u1@example.com\"");
    }
}
