package dev.sluice.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.TestProject;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.DiscoveredProject;
import dev.sluice.engine.graph.Selection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code state:modified} evaluated on the discovering render alone, and runs that then compile only
 * what they build: the fingerprints must be the ones a full compile records, and a change to a macro,
 * a var or a source declaration must still mark the models that use it.
 */
class StateSelectionTest {
    @TempDir
    Path directory;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).withRawData()
                .file("macros/money.ftl", "<#macro cents column>${column} * 100</#macro>")
                .file("models/paid.sql", "<@config materialized=\"ephemeral\" />\n"
                        + "select * from ${source(\"raw\", \"orders\")} where status = 'paid'")
                .file("models/orders_cents.sql", "<@config materialized=\"table\" />\n"
                        + "select id, <@cents column=\"amount\" /> as amount_cents from ${ref(\"paid\")}")
                .file("models/big_orders.sql", "select id from ${ref(\"orders_cents\")}"
                        + " where amount_cents >= ${var(\"min_amount\")} * 100")
                .file("models/customers.sql", "<@config materialized=\"table\" />\n"
                        + "select id, email from ${source(\"raw\", \"customers\")}")
                .file("tests/no_negative_cents.sql", "select id from ${ref(\"orders_cents\")} where amount_cents < 0");
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    @Test
    void discoveryGivesTheFingerprintsAFullCompileRecords() throws Exception {
        CompiledProject compiled = project.compile();
        DiscoveredProject discovered = project.workspace().discover(2);

        assertThat(discovered.selectable()).isEqualTo(compiled.selectable());
        assertThat(fingerprints(compiled)).hasSize(4).doesNotContainValue("");
    }

    @Test
    void aChangedMacroVarOrSourceMarksExactlyTheModelsUsingIt() throws Exception {
        Path saved = saveState();
        assertThat(modified(saved)).isEmpty();

        project.file("macros/money.ftl", "<#macro cents column>round(${column} * 100)</#macro>");
        assertThat(modified(saved)).containsExactly("orders_cents");
        assertThat(selectModified(saved, "state:modified+")).containsExactly("orders_cents", "big_orders");

        project.file("macros/money.ftl", "<#macro cents column>${column} * 100</#macro>")
                .file("sluice.yml", TestProject.SLUICE_YML.replace("min_amount: 10", "min_amount: 20"));
        assertThat(modified(saved)).containsExactly("big_orders");

        // The ephemeral model reads the source; its own SQL changes, and so does nothing else's as first rendered.
        project.file("sluice.yml", TestProject.SLUICE_YML.replace("schema: raw", "schema: landing"));
        assertThat(modified(saved)).containsExactlyInAnyOrder("paid", "customers");
    }

    @Test
    void aStateRunCompilesOnlyTheModelsItBuildsAndKeepsEveryFingerprint() throws Exception {
        assertThat(project.run().failed()).isFalse();
        Path saved = saveState();
        project.file("models/orders_cents.sql", "<@config materialized=\"table\" />\n"
                + "select id, customer_id, <@cents column=\"amount\" /> as amount_cents from ${ref(\"paid\")}");

        RunResult result = project.run(new RunOptions(List.of("state:modified"), List.of(), 2, false, true, saved,
                false), RunListener.NONE);

        assertThat(result.failed()).isFalse();
        assertThat(result.models()).extracting(ModelRunResult::model).containsExactly("orders_cents");
        // The custom test reads the built model, so `build` compiled and ran it.
        assertThat(result.tests()).extracting(test -> test.test().name()).contains("no_negative_cents");
        assertThat(project.query("select id, customer_id, amount_cents from main.orders_cents order by id"))
                .containsExactly(List.of(1L, 10L, new java.math.BigDecimal("2500.00")),
                        List.of(2L, 10L, new java.math.BigDecimal("500.00")));
        JsonNode models = new ObjectMapper().readTree(directory.resolve("target/manifest.json").toFile()).path("models");
        assertThat(models.path("orders_cents").path("status").asText()).isEqualTo("validated");
        assertThat(models.path("orders_cents").path("compiled_sql").asText()).contains("__sluice_cte__paid as (");
        assertThat(models.path("big_orders").path("status").asText()).isEqualTo("not_compiled");
        assertThat(models.path("customers").path("compiled_path").isNull()).isTrue();
        // The manifest of a partial run still holds every fingerprint: it serves as --state for the next one.
        Map<String, String> rewritten = SavedState.fingerprints(directory.resolve("target"));
        assertThat(rewritten).containsOnlyKeys("paid", "orders_cents", "big_orders", "customers");
        assertThat(modified(directory.resolve("target"))).isEmpty();
        assertThat(rewritten).containsEntry("customers", SavedState.fingerprints(saved).get("customers"));
    }

    @Test
    void aSelectedModelIsValidatedAgainstItsUncompiledParentAsTheWarehouseHasIt() throws Exception {
        assertThat(project.run().failed()).isFalse();
        project.file("models/big_orders.sql", "select id, amount_centz from ${ref(\"orders_cents\")}");

        RunResult result = project.run("big_orders");

        assertThat(result.failed()).isTrue();
        assertThat(result.models().get(0).error()).contains("did not compile").contains("amount_centz");
    }

    @Test
    void aFileThatIsNotAManifestIsRefusedWithItsName() throws Exception {
        Path notAManifest = directory.resolve("elsewhere/manifest.json");
        Files.createDirectories(notAManifest.getParent());
        Files.writeString(notAManifest, "[1, 2]");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SavedState.fingerprints(notAManifest.getParent()))
                .hasMessageContaining("--state: cannot read " + notAManifest)
                .hasMessageContaining("not a Sluice manifest");
    }

    private Path saveState() throws Exception {
        if (!Files.exists(directory.resolve("target/manifest.json"))) {
            project.compile();
        }
        Path saved = directory.resolve("saved");
        Files.createDirectories(saved);
        Files.copy(directory.resolve("target/manifest.json"), saved.resolve("manifest.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return saved;
    }

    private List<String> modified(Path saved) throws Exception {
        return selectModified(saved, "state:modified");
    }

    private List<String> selectModified(Path saved, String selector) throws Exception {
        DiscoveredProject discovered = project.workspace().discover(2);
        return Selection.select(discovered.graph(), discovered.selectable(), List.of(selector), List.of(),
                SavedState.fingerprints(saved));
    }

    private static Map<String, String> fingerprints(CompiledProject compiled) {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        compiled.models().forEach((name, model) -> fingerprints.put(name, model.definition().fingerprint()));
        return fingerprints;
    }
}
