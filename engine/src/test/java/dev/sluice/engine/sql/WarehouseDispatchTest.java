package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.sql.postgres.PostgresTranslator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One expression per warehouse: DuckDB runs and validates its body, each translation writes its own. */
class WarehouseDispatchTest {
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void eachTranslationWritesThePackagesBodyForItsWarehouse() {
        String sql = "select user_id,\n    " + WarehouseDispatch.mark(bodies(
                "lower(cast(json_extract(traits, '$.a') as varchar))",
                "lower(cast(jsonb_extract_path(cast(traits as jsonb), 'a') as text))",
                "lower(to_json(get_path(parse_json(traits), 'a')))")) + " as a,\n    email\nfrom rudder.identifies";

        assertThat(new PostgresTranslator().translate(sql, catalog).sql()).isEqualTo("""
                SELECT identifies.user_id,
                    (lower(cast(jsonb_extract_path(cast(traits as jsonb), 'a') as text))) AS a,
                    identifies.email
                FROM rudder.identifies AS identifies""");
        assertThat(new SnowflakeTranslator().translate(sql, catalog).sql()).isEqualTo("""
                SELECT identifies.user_id,
                    (lower(to_json(get_path(parse_json(traits), 'a')))) AS a,
                    identifies.email
                FROM rudder.identifies AS identifies""");
    }

    @Test
    void aWarehouseWithoutABodyIsRefusedAtTheExpressionsLine() {
        Map<String, Object> duckDbOnly = Map.of("duckdb", "lower(cast(json_extract(traits, '$.a') as varchar))");
        String sql = "select user_id,\n    " + WarehouseDispatch.mark(duckDbOnly) + " as a\nfrom rudder.identifies";

        DialectTranslation translation = new PostgresTranslator().translate(sql, catalog);

        assertThat(translation.refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.line()).isEqualTo(2);
            assertThat(refusal.construct()).isEqualTo("dispatch(...)");
            assertThat(refusal.reason()).contains("no \"postgres\" body");
        });
    }

    @Test
    void aBodyThatDoesNotParseIsRefused() {
        String sql = "select " + WarehouseDispatch.mark(bodies("lower(email)", "lower(email", "lower(email)"))
                + " as a from rudder.identifies";

        assertThat(new PostgresTranslator().translate(sql, catalog).refusals()).singleElement()
                .satisfies(refusal -> assertThat(refusal.reason()).startsWith("the postgres body does not parse"));
        assertThat(new SnowflakeTranslator().translate(sql, catalog).translated()).isTrue();
    }

    @Test
    void aDispatchNeedsADuckDbBodyAndKnownWarehouses() {
        assertThatThrownBy(() -> WarehouseDispatch.mark(Map.of("postgres", "1"))).hasMessageContaining("\"duckdb\" body");
        assertThatThrownBy(() -> WarehouseDispatch.mark(Map.of("duckdb", "1", "bigquery", "1")))
                .hasMessageContaining("unknown warehouse \"bigquery\"");
        assertThatThrownBy(() -> WarehouseDispatch.mark(Map.of("duckdb", "1 /* x */"))).hasMessageContaining("*/");
    }

    private static Map<String, Object> bodies(String duckDb, String postgres, String snowflake) {
        Map<String, Object> bodies = new LinkedHashMap<>();
        bodies.put("duckdb", duckDb);
        bodies.put("postgres", postgres);
        bodies.put("snowflake", snowflake);
        return bodies;
    }
}
