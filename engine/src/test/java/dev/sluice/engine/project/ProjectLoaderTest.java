package dev.sluice.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.spi.Warehouses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLoaderTest {
    @TempDir
    Path directory;

    private void write(String path, String text) throws IOException {
        Path file = directory.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Project load(Map<String, String> environment) {
        return new ProjectLoader(new EnvironmentInterpolator(environment::get)).load(directory);
    }

    @Test
    void readsTargetsVarsSourcesAndModels() throws IOException {
        write("sluice.yml", """
                name: shop
                targets:
                  duckdb: {path: "${env.DB_PATH}"}
                  prod: {type: snowflake, account: "${env.SF_ACCOUNT:-acme}", schema: ANALYTICS}
                vars: {days: 30, domains: [a.com, b.com]}
                sources:
                  app:
                    schema: raw_app
                    tables:
                      - users
                      - name: orders
                        identifier: app_orders
                        columns: {id: BIGINT}
                """);
        write("models/a/one.sql", "select 1 as x");
        write("models/b/two.sql", "select 2 as y");
        write("models/docs.yml", "models:\n  - name: one\n    description: The first.\n    columns:\n      - name: x\n        description: A number.\n");

        Project project = load(Map.of("DB_PATH", "data/x.duckdb"));

        ProjectConfig config = project.config();
        assertThat(config.defaultTarget()).isEqualTo("duckdb");
        assertThat(config.target(null).settings()).containsEntry("path", "data/x.duckdb");
        assertThat(config.target(null).schema()).isEqualTo("main");
        assertThat(config.target("prod").type()).isEqualTo("snowflake");
        assertThat(config.target("prod").settings()).containsEntry("account", "acme");
        assertThat(config.vars()).containsEntry("days", 30);
        assertThat(config.sources().get("app").table("orders").orElseThrow().identifier()).isEqualTo("app_orders");
        assertThat(config.sources().get("app").schema()).isEqualTo("raw_app");
        assertThat(project.models()).extracting(ModelFile::name).containsExactly("one", "two");
        assertThat(project.models().get(0).path()).isEqualTo("models/a/one.sql");
        assertThat(project.docs().get("one").columns().get(0).description()).isEqualTo("A number.");
    }

    @Test
    void defaultsToAnEmbeddedDuckDbTarget() throws IOException {
        write("sluice.yml", "name: tiny\n");
        TargetConfig target = load(Map.of()).config().target(null);
        assertThat(target.type()).isEqualTo("duckdb");
        assertThat(target.settings()).containsEntry("path", "target/sluice.duckdb");
    }

    @Test
    void anUnsetEnvironmentVariableNamesTheFieldAndTheVariable() throws IOException {
        write("sluice.yml", "name: x\ntargets:\n  prod:\n    type: snowflake\n    password: ${env.SF_PASSWORD}\n");
        assertThatThrownBy(() -> load(Map.of()))
                .hasMessageContaining("sluice.yml: targets.prod.password")
                .hasMessageContaining("SF_PASSWORD is not set");
    }

    @Test
    void aConnectorErrorShowsTheVariableNotTheValueItHolds() throws IOException {
        write("sluice.yml", "name: x\ntargets:\n  prod:\n    type: postgres\n    host: db\n    database: d\n"
                + "    user: u\n    port: ${env.PG_PORT}\n    sslmode: \"${env.MODE}\"\n");
        TargetConfig target = load(Map.of("PG_PORT", "s3cr3t-port", "MODE", "ab")).config().target("prod");

        assertThatThrownBy(() -> Warehouses.open("postgres", target.settings()))
                .satisfies(error -> assertThat(target.redacted(error.getMessage()))
                        .isEqualTo("postgres target: port must be a number, got '${env.PG_PORT}'"));
        assertThat(target.redacted("sslmode must be one of [disable], got 'ab'; abc"))
                .as("a short value is replaced where it stands quoted, not inside other words")
                .isEqualTo("sslmode must be one of [disable], got '${env.MODE}'; abc");
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheLineAndColumnOfItsFirstBadByte() throws IOException {
        write("sluice.yml", "name: x\n");
        Files.createDirectories(directory.resolve("models"));
        Files.write(directory.resolve("models/latin.sql"),
                "select 1 as a,\n  'caf\u00e9' as b".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(SluiceException.class)
                .hasMessage("models/latin.sql:2:7: the file is not UTF-8 (byte 0xE9 here; Latin-1 or Windows-1252,"
                        + " perhaps): save it as UTF-8");
    }

    @Test
    void aByteOrderMarkIsDroppedFromModelsAndYml() throws IOException {
        write("sluice.yml", "\uFEFFname: x\n");
        write("models/a.sql", "\uFEFFselect 1 as a\r\n");

        Project project = load(Map.of());

        assertThat(project.config().name()).isEqualTo("x");
        assertThat(project.models()).singleElement()
                .satisfies(model -> assertThat(model.text()).isEqualTo("select 1 as a\n"));
    }

    @Test
    void modelNamesThatDifferOnlyInCaseAreAnErrorNamingBothFiles() throws IOException {
        write("sluice.yml", "name: x\n");
        write("models/active_users.sql", "select 1 as a");
        write("models/marts/Active_Users.sql", "select 2 as a");

        assertThatThrownBy(() -> load(Map.of())).isInstanceOf(SluiceException.class)
                .hasMessageContaining("differ only in case: models/active_users.sql and models/marts/Active_Users.sql");
    }

    @Test
    void twoModelsWithOneNameAreAnErrorNamingBothFiles() throws IOException {
        write("sluice.yml", "name: x\n");
        write("models/staging/orders.sql", "select 1");
        write("models/marts/orders.sql", "select 2");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_MODEL))
                .hasMessageContaining("models/marts/orders.sql").hasMessageContaining("models/staging/orders.sql");
    }

    @Test
    void unknownKeysAndBadYamlAreReportedWithTheirPlace() throws IOException {
        write("sluice.yml", "name: x\nmodle-paths: [models]\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("sluice.yml:2: modle-paths: unknown key;"
                + " did you mean \"model-paths\"? (expected one of admin, collector,");
        write("sluice.yml", "name: x\nvars:\n  nmae: 1\n\"nmae\": y\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessageStartingWith("sluice.yml:4: nmae: unknown key; did you mean"
                + " \"name\"?");
        write("sluice.yml", "name: x\ntargets:\n  dev:\n    type: duckdb\n    path: dev.duckdb\n    shema: analytics\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessage("sluice.yml:6: targets.dev.shema: unknown setting for a duckdb"
                + " target; did you mean \"schema\"? (expected one of type, disabled_compression_methods, memory_limit, path,"
                + " preserve_insertion_order,"
                + " schema, threads)");
        write("sluice.yml", "name: x\ntargets: [\n");
        assertThatThrownBy(() -> load(Map.of())).hasMessage("sluice.yml:3:1: invalid YAML: expected the node content,"
                + " but found '<stream end>' (while parsing a flow node)");
        write("sluice.yml", "name: x\n  bad: : y\n");
        assertThatThrownBy(() -> load(Map.of())).as("one position, no snippet of SnakeYAML's")
                .hasMessage("sluice.yml:2:6: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void aMissingProjectSaysHowToCreateOne() {
        assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("no sluice.yml").hasMessageContaining("sluice init");
    }

    @Test
    void anUnknownTargetSuggestsTheClosestName() throws IOException {
        write("sluice.yml", "name: x\ntargets:\n  duckdb: {}\n  prod: {type: snowflake}\n");
        assertThatThrownBy(() -> load(Map.of()).config().target("prd")).hasMessageContaining("did you mean \"prod\"");
    }
}
