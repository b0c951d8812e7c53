package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * DuckDB lists as Snowflake ARRAYs: the exact text written where the two compute the same, and what stays refused.
 * Their DuckDB side is checked in {@link SnowflakeRuleFactsTest}.
 */
class SnowflakeListsTest {
    private final SnowflakeTranslator translator = new SnowflakeTranslator();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void lengthIndexAndContainsOfAListColumn() {
        DialectTranslation translation = translator.translate("""
                select order_id, tags[1] as first_tag, len(tags) as tag_count, array_length(tags) as again,
                       cardinality(tags) as size, list_contains(tags, 'promo') as is_promo, len(status) as chars
                from orders""", catalog);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).contains(
                "CAST(orders.tags[0] AS VARCHAR) AS first_tag",
                "ARRAY_SIZE(orders.tags) AS tag_count",
                "ARRAY_SIZE(orders.tags) AS again",
                "ARRAY_SIZE(orders.tags) AS size",
                "ARRAY_CONTAINS(CAST('promo' AS VARIANT), orders.tags) AS is_promo",
                "LENGTH(orders.status) AS chars");
    }

    @Test
    void listHasAnyOfATextLiteralIsArraysOverlap() {
        DialectTranslation translation = translator.translate(
                "select order_id from orders where list_has_any(tags, ['promo', 'b2b'])", catalog);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).contains("WHERE ARRAYS_OVERLAP(orders.tags, ARRAY_CONSTRUCT('promo', 'b2b'))");
        assertThat(translator.translate("select list_has_any(tags, [status]) as any_status from orders", catalog)
                .refusals()).extracting(TranslationRefusal::construct).containsExactly("list_has_any(...)");
    }

    @Test
    void anIndexFromTheEndOrComputedIsRefused() {
        assertThat(translator.translate("select tags[-1] as last_tag, tags[item_count] as nth from orders", catalog)
                .refusals()).extracting(TranslationRefusal::construct).containsExactly("item(...)", "item(...)");
    }

    @Test
    void arrayAggOfAValueThatIsNeverNullIsNullForNoRow() {
        DialectTranslation translation = translator.translate(
                "select user_id, array_agg(order_id order by created_at desc) as order_ids from orders group by user_id",
                catalog);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).contains("CASE WHEN COUNT(orders.order_id) = 0 THEN NULL ELSE"
                + " ARRAY_AGG(orders.order_id) WITHIN GROUP (ORDER BY orders.created_at DESC NULLS LAST) END AS order_ids");
    }

    @Test
    void arrayAggOfANullableValueIsRefusedSnowflakeDropsNulls() {
        assertThat(translator.translate("select array_agg(coupon) as coupons from orders", catalog).refusals())
                .singleElement().satisfies(refusal -> {
                    assertThat(refusal.construct()).isEqualTo("array_agg(...)");
                    assertThat(refusal.reason()).contains("Snowflake's ARRAY_AGG drops them");
                });
    }
}
