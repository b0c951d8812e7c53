package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * DuckDB's spellings of scalar functions Snowflake computes the same under another name or form: the exact text
 * written, and what stays refused. Their DuckDB side is checked in {@link SnowflakeRuleFactsTest}.
 */
class SnowflakeScalarRulesTest {
    private final SnowflakeTranslator translator = new SnowflakeTranslator();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void ifnullTruncAndSignOfExactNumbers() {
        assertThat(translate("""
                select ifnull(coupon, '-') as mark, trunc(amount) as whole, trunc(amount, 1) as one_digit,
                       sign(amount - 50) as above
                from orders""")).contains(
                "COALESCE(orders.coupon, '-') AS mark",
                "CAST(TRUNC(orders.amount, 0) AS NUMBER(12, 0)) AS whole",
                "CAST(TRUNC(orders.amount, 1) AS NUMBER(12, 1)) AS one_digit",
                "SIGN(orders.amount - 50) AS above");
    }

    @Test
    void truncOfADoubleToDigitsAndSignOfADoubleAreRefused() {
        assertThat(translator.translate("select trunc(lifetime_value, 2) as v, sign(lifetime_value) as s from users",
                catalog).refusals()).extracting(TranslationRefusal::construct)
                .containsExactly("trunc(...)", "sign(...)");
    }

    @Test
    void datePartFunctionsAreDatePartsAndStrposIsPosition() {
        assertThat(translate("""
                select year(created_at) as y, quarter(created_at) as q, week(created_at) as w, hour(created_at) as h,
                       isodow(created_at) as iso_dow, dayofyear(created_at) as doy, epoch_ms(created_at) as ms,
                       strpos(coupon, '-') as dash, instr(coupon, 'X') as x
                from orders""")).contains(
                "DATE_PART(YEAR, orders.created_at) AS y",
                "DATE_PART(QUARTER, orders.created_at) AS q",
                "WEEKISO(orders.created_at) AS w",
                "DATE_PART(HOUR, orders.created_at) AS h",
                "DAYOFWEEKISO(orders.created_at) AS iso_dow",
                "DAYOFYEAR(orders.created_at) AS doy",
                "CAST(ROUND(DATE_PART(EPOCH_MICROSECOND, orders.created_at) / 1000, 0) AS BIGINT) AS ms",
                "POSITION('-' IN orders.coupon) AS dash",
                "POSITION('X' IN orders.coupon) AS x");
    }

    @Test
    void isoyearAndTheLengthOfAJsonArray() {
        assertThat(translate("""
                select isoyear(created_at) as iso_year,
                       json_array_length(json_extract(properties, '$.items')) as items
                from orders, rudder.tracks""")).contains(
                "YEAROFWEEKISO(orders.created_at) AS iso_year",
                "CASE WHEN GET_PATH(PARSE_JSON(tracks.properties), 'items') IS NULL THEN NULL ELSE COALESCE(ARRAY_SIZE("
                        + "GET_PATH(PARSE_JSON(tracks.properties), 'items')), 0) END AS items");
    }

    @Test
    void integerDivisionOfADecimalIsTheDoubleDivision() {
        assertThat(translate("select amount // 50 as band, item_count // 2 as pairs from orders")).contains(
                "(CAST(orders.amount AS DOUBLE) / CAST(50 AS DOUBLE)) AS band",
                "CAST(TRUNC(orders.item_count / 2) AS INTEGER) AS pairs");
    }

    @Test
    void strposOfAComputedNeedleIsRefused() {
        assertThat(translator.translate("select strpos(coupon, status) as p from orders", catalog).refusals())
                .extracting(TranslationRefusal::construct).containsExactly("strpos(...)");
    }

    private String translate(String sql) {
        DialectTranslation translation = translator.translate(sql, catalog);
        assertThat(translation.refusals()).isEmpty();
        return translation.sql();
    }
}
