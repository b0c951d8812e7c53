package dev.sluice.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.postgres.PostgresTestServer;
import dev.sluice.server.load.EventAppender;
import dev.sluice.snowflake.fake.FakeSnowflake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <@flatten>} finds the same fields with the same types on DuckDB ({@code json_structure}),
 * PostgreSQL (a {@code jsonb_each} walk) and Snowflake (a recursive {@code flatten}, on the fake) for the
 * same events: the rudder package's models and a model over documents with every kind of leaf render to the
 * same SQL on the three targets.
 */
class JsonFieldsAcrossWarehousesTest {
    /** Documents with every kind of leaf, and paths whose kinds differ between rows. */
    private static final List<String> PROPERTIES = List.of(
            """
            {"count": 3, "price": 1.5, "whole": 1.0, "name": "a", "flag": true, "nothing": null, "tags": ["x", "y"],
             "items": [{"sku": "s1"}], "empty": {}, "nested": {"deeper": {"leaf": 7}, "camelCase": "c"},
             "key with space": "s", "dotted.key": 1, "quote\\"d": "q", "big": 123456789012345678901234567890,
             "max": 18446744073709551615, "low": -9223372036854775808, "tooLow": -9223372036854775809,
             "mixed": 1, "tie": 1, "numberOrFraction": 2}""",
            """
            {"count": 4, "price": 2, "name": "b", "flag": false, "mixed": 2, "tie": "one", "numberOrFraction": 2.5,
             "empty": {"now": "full"}, "nested": {"deeper": 5}}""",
            """
            {"count": "many", "mixed": 3, "flag": "yes", "nested": null}""",
            """
            {"mixed": "three", "only_null": null}""");
    private static FakeSnowflake snowflake;

    @TempDir
    Path directory;

    @BeforeAll
    static void startFake() {
        snowflake = FakeSnowflake.start();
    }

    @AfterAll
    static void stopFake() {
        snowflake.close();
    }

    @Test
    void flattenFindsTheSameFieldsOnDuckDbPostgresAndSnowflake() throws Exception {
        Map<String, String> postgres = new LinkedHashMap<>(PostgresTestServer.newDatabase());
        postgres.remove("schema");
        Map<String, String> fake = new LinkedHashMap<>(snowflake.targetSettings());
        fake.put("password", "secret");
        Files.writeString(directory.resolve("sluice.yml"), """
                name: fields
                dialect: duckdb
                target: duckdb
                packages: [rudder]
                targets:
                  duckdb:
                    type: duckdb
                    path: "%s"
                    schema: analytics
                  postgres:
                %s
                    schema: analytics
                  snowflake:
                %s
                    schema: analytics
                """.formatted(directory.resolve("fields.duckdb"), yaml(postgres), yaml(fake)));
        Files.createDirectories(directory.resolve("models"));
        Files.writeString(directory.resolve("models/edge_fields.sql"), """
                select message_id<@flatten relation=source("rudder", "events") column="properties" where="event = 'Edge'"/>
                from ${source("rudder", "events")}
                where event = 'Edge'
                """);

        Map<String, String> duckDb = renderedModels("duckdb");
        Map<String, String> onPostgres = renderedModels("postgres");
        Map<String, String> onSnowflake = renderedModels("snowflake");

        assertThat(duckDb.get("edge_fields")).contains(
                "as count", "as price", "as whole", "as name", "as flag", "as nothing", "as tags", "as items",
                "as empty", "as empty_now", "as nested_deeper", "as nested_deeper_leaf", "as nested_camel_case",
                "as key_with_space", "as dotted_key", "as quote_d", "as big", "as max", "as low", "as too_low",
                "as mixed", "as tie", "as number_or_fraction", "as only_null");
        // The types the rows decide: numbers in 3 rows of 4 beat text, a tie goes to text, fractions widen.
        assertThat(duckDb.get("edge_fields")).contains(
                "try_cast(json_extract_string(properties, '$.\"mixed\"') as BIGINT) end as mixed",
                "json_extract_string(properties, '$.\"tie\"') as tie",
                "lower(json_extract_string(properties, '$.\"flag\"')) = 'true' end as flag",
                "json_extract(properties, '$.\"items\"') as items",
                "json_extract_string(properties, '$.\"empty\"') as empty,",
                "as DOUBLE) end as number_or_fraction", "as DOUBLE) end as big", "as DOUBLE) end as too_low",
                "as BIGINT) end as max", "as BIGINT) end as low");
        assertThat(snowflake.statements()).anySatisfy(statement -> assertThat(statement.succeeded()
                ? statement.sql() : "").containsIgnoringCase("lateral flatten(input => sluice_source.sluice_json, recursive => true)"));
        assertThat(onPostgres).isEqualTo(duckDb);
        assertThat(onSnowflake).isEqualTo(duckDb);
    }

    /** Loads the events on one target and compiles the project there: each model's SQL as its template rendered it. */
    private Map<String, String> renderedModels(String target) throws Exception {
        try (Workspace workspace = Workspace.open(directory, target)) {
            try (EventAppender appender = new EventAppender(workspace.warehouse(), "rudder",
                    Instant.parse("2026-11-30T00:00:00Z"))) {
                for (int index = 0; index < PROPERTIES.size(); index++) {
                    String properties = PROPERTIES.get(index).replace("\n", " ");
                    appender.add("{\"type\": \"track\", \"event\": \"Edge\", \"messageId\": \"edge-" + index
                            + "\", \"anonymousId\": \"a" + index + "\", \"properties\": " + properties
                            + ", \"context\": {\"page\": {\"path\": \"/" + index + "\"}, \"locale\": \"en\"}}");
                }
                appender.add("{\"type\": \"identify\", \"messageId\": \"identify-1\", \"userId\": \"u1\","
                        + " \"traits\": {\"email\": \"u1@example.com\", \"plan\": {\"seats\": 3}}}");
            }
            Map<String, String> rendered = new TreeMap<>();
            for (CompiledModel model : workspace.compile(new CompileOptions(false, 1)).models().values()) {
                assertThat(model.diagnostics()).as("%s on %s", model.name(), target).isEmpty();
                rendered.put(model.name(), model.renderedSql());
            }
            return rendered;
        }
    }

    private static String yaml(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(entry -> "    " + entry.getKey() + ": \"" + entry.getValue().replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining("\n"));
    }
}
