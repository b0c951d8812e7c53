package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON columns in the Snowflake translation: a VARIANT compares as a document and is cast to text written
 * Snowflake's way, so a JSON column used as text is refused by name, and where it means the same it is
 * translated. (PostgresJsonColumnsTest runs the same cases on a real PostgreSQL; Snowflake cannot run here.)
 */
class SnowflakeJsonColumnsTest {
    private final SnowflakeTranslator translator = new SnowflakeTranslator();
    private final SqlCatalog catalog = ShopCatalog.create();

    @ParameterizedTest
    @ValueSource(strings = {
        "select id from rudder.tracks where properties = '{\"plan\": \"pro\"}'",
        "select id from rudder.tracks\nwhere properties like '%\"plan\"%'",
        "select id, cast(properties as varchar) as text from rudder.tracks",
        "select id, lower(properties) as text from rudder.tracks",
        "select properties, count(*) as n from rudder.tracks group by properties",
        "select distinct properties from rudder.tracks",
        "with t as (select id, properties as p from rudder.tracks) select id from t where p like '%x%'"})
    void aJsonColumnUsedAsTextIsRefusedByName(String sql) {
        DialectTranslation translation = translator.translate(sql, catalog);

        assertThat(translation.translated()).as(sql).isFalse();
        assertThat(translation.refusals()).anySatisfy(refusal -> {
            assertThat(refusal.reason()).contains("used as text").contains("rudder.tracks.properties");
            assertThat(refusal.line()).isPositive();
            assertThat(refusal.column()).isPositive();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select id, properties from rudder.tracks",
        "select id from rudder.tracks where properties is not null",
        "select event, count(properties) as documents from rudder.tracks group by event",
        "select id, json_extract_string(properties, '$.plan') as plan from rudder.tracks",
        "select id, case when event = 'x' then properties end as p from rudder.tracks"})
    void whereAJsonColumnMeansTheSameItIsTranslated(String sql) {
        assertThat(translator.translate(sql, catalog).refusals()).as(sql).isEmpty();
    }
}
