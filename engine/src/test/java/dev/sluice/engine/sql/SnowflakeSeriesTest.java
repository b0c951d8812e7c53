package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * generate_series and range in FROM as Snowflake rows: the exact text written, the row counts Sluice computes from the
 * literals, and what stays refused. Their DuckDB side is checked in {@link SnowflakeRuleFactsTest}.
 */
class SnowflakeSeriesTest {
    private final SnowflakeTranslator translator = new SnowflakeTranslator();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void integersWithTheFunctionsNameAsTheColumn() {
        assertThat(translate("select generate_series as n from generate_series(1, 5)")).contains(
                "FROM (SELECT CAST(1 + 1 * CAST(series.VALUE AS BIGINT) AS BIGINT) AS generate_series"
                        + " FROM TABLE(FLATTEN(INPUT => ARRAY_GENERATE_RANGE(0, 5))) AS series)");
        assertThat(translate("select x from generate_series(10, 1, -4) as t(x)")).contains(
                "(SELECT CAST(10 + -4 * CAST(series.VALUE AS BIGINT) AS BIGINT) AS x"
                        + " FROM TABLE(FLATTEN(INPUT => ARRAY_GENERATE_RANGE(0, 3))) AS series) AS t");
        assertThat(translate("select x from range(5) as t(x)")).contains("ARRAY_GENERATE_RANGE(0, 5)");
        assertThat(translate("select x from generate_series(5, 1) as t(x)")).contains("ARRAY_GENERATE_RANGE(0, 0)");
    }

    @Test
    void datesAndTimestampsStepBySecondsFromTheStart() {
        assertThat(translate("""
                select gs as day from generate_series(date '2024-03-01', date '2024-03-07', interval 1 day) as days(gs)
                """)).contains("(SELECT DATEADD(SECOND, 86400 * CAST(series.VALUE AS BIGINT), TO_TIMESTAMP_NTZ("
                + "'2024-03-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')) AS gs FROM TABLE(FLATTEN(INPUT =>"
                + " ARRAY_GENERATE_RANGE(0, 7))) AS series) AS days");
        assertThat(translate("""
                select r.h from range(timestamp '2024-03-01', timestamp '2024-03-02', interval 6 hour) r(h)""")).contains(
                "DATEADD(SECOND, 21600 * CAST(series.VALUE AS BIGINT)", "ARRAY_GENERATE_RANGE(0, 4)");
    }

    @Test
    void monthsComputedBoundsAndHugeSeriesAreRefused() {
        assertThat(translator.translate("""
                select x from generate_series(date '2024-01-01', date '2024-12-01', interval 1 month) t(x)""", catalog)
                .refusals()).extracting(TranslationRefusal::construct).containsExactly("GENERATE_SERIES(...)");
        assertThat(translator.translate("select x from generate_series(1, 2 + 3) t(x)", catalog).refusals())
                .extracting(TranslationRefusal::construct).containsExactly("GENERATE_SERIES(...)");
        assertThat(translator.translate("select x from range(0, 1000000) t(x)", catalog).refusals())
                .singleElement().satisfies(refusal -> assertThat(refusal.reason()).contains("more than 100000 rows"));
    }

    private String translate(String sql) {
        DialectTranslation translation = translator.translate(sql, catalog);
        assertThat(translation.refusals()).isEmpty();
        return translation.sql().replaceAll("\\s*\\n\\s*", " ");
    }
}
