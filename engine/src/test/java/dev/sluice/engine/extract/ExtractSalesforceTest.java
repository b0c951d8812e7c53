package dev.sluice.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.SluiceException;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.sources.testing.FakeSalesforce;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The salesforce connector landing in DuckDB: discovered columns, incremental runs, deletes, field history. */
class ExtractSalesforceTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    @TempDir
    Path directory;
    FakeSalesforce salesforce;
    TestProject project;
    Map<String, String> environment = Map.of("SF_REFRESH_TOKEN", FakeSalesforce.REFRESH_TOKEN);

    @BeforeEach
    void open() throws Exception {
        salesforce = new FakeSalesforce();
        salesforce.standardObject("Opportunity", Map.of("StageName", "picklist", "Amount", "currency"));
        salesforce.historyObject("OpportunityFieldHistory", "OpportunityId");
        opportunity("006A", "Prospecting", T0);
        opportunity("006B", "Qualification", T0.plusSeconds(60));
        project = new TestProject(directory);
        project.file("sluice.yml", TestProject.SLUICE_YML + """
                extract:
                  crm:
                    type: salesforce
                    schema: raw_salesforce
                    login-url: %s
                    auth:
                      type: refresh-token
                      client-id: %s
                      client-secret: %s
                      refresh-token: ${env.SF_REFRESH_TOKEN}
                    objects: [Opportunity, OpportunityFieldHistory]
                """.formatted(salesforce.baseUrl(), FakeSalesforce.CLIENT_ID, FakeSalesforce.CLIENT_SECRET));
    }

    @AfterEach
    void close() {
        project.close();
        salesforce.close();
    }

    private void opportunity(String id, String stage, Instant modified) {
        salesforce.put("Opportunity", Map.of("Id", id, "StageName", stage, "Amount", 5000, "CreatedDate", T0,
                "SystemModstamp", modified));
    }

    private List<StreamResult> run() {
        ExtractDefinition definition = Extracts.select(directory, "crm", new EnvironmentInterpolator(environment::get)).get(0);
        return new ExtractRunner(project.workspace().warehouse()).runOrThrow(definition, false, result -> {});
    }

    @Test
    void landsDiscoveredColumnsThenChangesAndDeletesAndTheFieldHistoryAsAChangeLog() {
        assertThat(run()).extracting(StreamResult::rows).containsExactly(2L, 0L);
        opportunity("006A", "Closed Won", T0.plusSeconds(3600));
        salesforce.put("OpportunityFieldHistory", Map.of("Id", "017H1", "OpportunityId", "006A", "CreatedById", "005X",
                "CreatedDate", T0.plusSeconds(3600), "Field", "StageName", "DataType", "Text", "OldValue", "Prospecting",
                "NewValue", "Closed Won"));
        salesforce.delete("Opportunity", "006B", T0.plusSeconds(3700));
        List<StreamResult> second = run();
        assertThat(second).extracting(StreamResult::cursor)
                .containsExactly("2024-05-01T11:01:40Z", "2024-05-01T11:00:00Z");
        assertThat(project.query("select id, stage_name, amount, system_modstamp, _sluice_deleted"
                + " from raw_salesforce.opportunity order by id")).containsExactly(
                List.of("006A", "Closed Won", new BigDecimal("5000.000"), LocalDateTime.parse("2024-05-01T11:00:00"), false),
                List.of("006B", "Qualification", new BigDecimal("5000.000"), LocalDateTime.parse("2024-05-01T11:01:40"), true));
        assertThat(project.query("select opportunity_id, field, old_value, new_value"
                + " from raw_salesforce.opportunity_field_history"))
                .containsExactly(List.of("006A", "StageName", "Prospecting", "Closed Won"));
    }

    @Test
    void aRefusedLoginFailsTheSourceNamingItAndNotTheToken() {
        environment = Map.of("SF_REFRESH_TOKEN", "revoked-token-123");
        assertThatThrownBy(this::run).isInstanceOf(SluiceException.class)
                .hasMessage("extract crm: salesforce login: POST /services/oauth2/token answered 400: invalid_grant:"
                        + " expired access/refresh token (no stream ran)");
    }
}
