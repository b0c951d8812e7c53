package dev.sluice.engine.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.SampleProject;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.manifest.CompileArtifacts;
import dev.sluice.engine.sql.ColumnLineage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column lineage of the quickstart sample, model by model and across models, exactly. An origin prints as
 * {@code relation.column}, with {@code *} when the column is computed from it rather than copied.
 */
class QuickstartLineageTest {
    private static final String TRACKS = "source(\"rudder\", \"tracks\").";
    private static final String IDENTIFIES = "source(\"rudder\", \"identifies\").";
    private static final String ACCOUNTS = "source(\"crm\", \"accounts\").";
    private static final String STG_TRACKS = "ref(\"stg_tracks\").";

    @TempDir
    static Path directory;
    static Workspace workspace;
    static CompiledProject project;

    @BeforeAll
    static void seedAndCompile() throws InterruptedException {
        workspace = Workspace.open(SampleProject.copy(SampleProject.QUICKSTART, directory), null);
        workspace.seed();
        project = workspace.compile(new CompileOptions(false, 2));
        assertThat(project.hasErrors()).as(project.diagnostics().toString()).isFalse();
    }

    @AfterAll
    static void close() {
        workspace.close();
    }

    @Test
    void stagingModelsReadSources() {
        assertThat(lineage("stg_tracks")).containsExactly(
                Map.entry("message_id", List.of(TRACKS + "message_id")),
                Map.entry("actor_id", List.of(TRACKS + "anonymous_id*", TRACKS + "user_id*")),
                Map.entry("user_id", List.of(TRACKS + "user_id")),
                Map.entry("anonymous_id", List.of(TRACKS + "anonymous_id")),
                Map.entry("event", List.of(TRACKS + "event")),
                Map.entry("received_at", List.of(TRACKS + "received_at")),
                Map.entry("event_date", List.of(TRACKS + "received_at*")),
                Map.entry("revenue", List.of(TRACKS + "revenue")));
        assertThat(lineage("stg_identifies")).containsExactly(
                Map.entry("user_id", List.of(IDENTIFIES + "user_id")),
                Map.entry("email", List.of(IDENTIFIES + "email*")),
                Map.entry("received_at", List.of(IDENTIFIES + "received_at")));
    }

    @Test
    void martsReadModelsThroughCtesJoinsAggregatesAndWindows() {
        assertThat(lineage("users")).containsExactly(
                Map.entry("user_id", List.of(STG_TRACKS + "user_id")),
                Map.entry("email", List.of("ref(\"stg_identifies\").email*")), // the left join's optional side
                Map.entry("first_seen_at", List.of(STG_TRACKS + "received_at*")),
                Map.entry("last_seen_at", List.of(STG_TRACKS + "received_at*")),
                Map.entry("tracks", List.of()),
                Map.entry("is_internal", List.of("ref(\"stg_identifies\").email*")));
        assertThat(lineage("customers")).containsExactly(
                Map.entry("user_id", List.of("ref(\"users\").user_id")),
                Map.entry("email", List.of("ref(\"users\").email")),
                Map.entry("first_seen_at", List.of("ref(\"users\").first_seen_at")),
                Map.entry("last_seen_at", List.of("ref(\"users\").last_seen_at")),
                Map.entry("is_internal", List.of("ref(\"users\").is_internal")),
                Map.entry("account_id", List.of(ACCOUNTS + "account_id*")),
                Map.entry("plan", List.of(ACCOUNTS + "plan*")),
                Map.entry("opted_out", List.of(ACCOUNTS + "opted_out*")));
        assertThat(lineage("daily_events")).containsExactly(
                Map.entry("event_date", List.of(STG_TRACKS + "event_date")),
                Map.entry("event", List.of(STG_TRACKS + "event")),
                Map.entry("events", List.of()),
                Map.entry("actors", List.of(STG_TRACKS + "actor_id*")),
                Map.entry("revenue", List.of(STG_TRACKS + "revenue*")));
    }

    @Test
    void aColumnIsFollowedAcrossModelsDownToItsSources() {
        UpstreamColumn email = ColumnLineageGraph.of(project).upstream("recent_signups", "email");

        assertThat(LineageTree.render(email)).isEqualTo("""
                ref("recent_signups").email
                └── ref("customers").email
                    └── ref("users").email
                        └── ref("stg_identifies").email (derived)
                            └── source("rudder", "identifies").email (derived)
                """);
        assertThat(ColumnLineageGraph.of(project).upstream("daily_events", "actors").sourceColumns())
                .containsExactly(TRACKS + "anonymous_id", TRACKS + "user_id");
    }

    @Test
    void unknownModelsAndColumnsSayWhatExists() {
        ColumnLineageGraph graph = ColumnLineageGraph.of(project);
        assertThatThrownBy(() -> graph.upstream("customer", "email")).isInstanceOf(SluiceException.class)
                .hasMessage("no model named \"customer\"; did you mean \"customers\"?");
        assertThatThrownBy(() -> graph.upstream("customers", "emial")).isInstanceOf(SluiceException.class)
                .hasMessage("model \"customers\" has no column \"emial\"; did you mean \"email\"?");
    }

    @Test
    void theManifestCarriesEachColumnsLineage() {
        JsonNode customers = CompileArtifacts.manifest(project).path("models").path("customers").path("columns");

        JsonNode plan = customers.get(6);
        assertThat(plan.path("name").asText()).isEqualTo("plan");
        assertThat(plan.path("lineage").get(0).asText()).isEqualTo("source(\"crm\", \"accounts\").plan");
        assertThat(plan.path("lineage_origins").get(0).path("derived").asBoolean()).isTrue();
        JsonNode email = customers.get(1);
        assertThat(email.path("lineage").get(0).asText()).isEqualTo("ref(\"users\").email");
        assertThat(email.path("lineage_origins").get(0).path("derived").asBoolean()).isFalse();
    }

    private static Map<String, List<String>> lineage(String model) {
        CompiledModel compiled = project.models().get(model);
        Map<String, List<String>> lineage = new LinkedHashMap<>();
        compiled.lineage().forEach((column, origins) -> lineage.put(column, render(origins)));
        return lineage;
    }

    private static List<String> render(ColumnLineage lineage) {
        assertThat(lineage.isKnown()).as(lineage.unknownReason()).isTrue();
        return lineage.origins().stream().map(origin -> origin + (origin.derived() ? "*" : "")).toList();
    }
}
