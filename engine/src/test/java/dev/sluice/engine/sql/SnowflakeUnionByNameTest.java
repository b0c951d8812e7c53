package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * DuckDB's UNION [ALL] BY NAME written as the positional UNION it stands for, and what stays refused. Its DuckDB side
 * (column order, NULL fill, duplicates) is checked in {@link SnowflakeRuleFactsTest}.
 */
class SnowflakeUnionByNameTest {
    private final SnowflakeTranslator translator = new SnowflakeTranslator();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void eachSideSelectsTheColumnsByNameAndNullForWhatItLacks() {
        DialectTranslation translation = translator.translate("""
                select user_id, created_at as at, status from orders
                union all by name
                select coupon, created_at as at, user_id from orders""", catalog);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).isEqualTo("(SELECT user_id AS user_id, at AS at, status AS status,"
                + " CAST(NULL AS VARCHAR) AS coupon FROM (SELECT orders.user_id, orders.created_at AS at,"
                + " orders.status FROM orders AS orders) AS by_name_left UNION ALL SELECT user_id AS user_id,"
                + " at AS at, CAST(NULL AS VARCHAR) AS status, coupon AS coupon FROM (SELECT orders.coupon,"
                + " orders.created_at AS at, orders.user_id FROM orders AS orders) AS by_name_right)");
    }

    @Test
    void distinctUnionByNameWithATimestampOnlyOneSideHas() {
        DialectTranslation translation = translator.translate("""
                select user_id, email from users
                union by name
                select email, user_id, signed_up_at from users""", catalog);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).contains("CAST(NULL AS TIMESTAMP_NTZ) AS signed_up_at FROM (", " UNION SELECT ");
    }

    @Test
    void aColumnOfTwoTypesIsRefused() {
        assertThat(translator.translate("""
                select user_id, item_count as n from orders
                union all by name
                select user_id, amount as n from orders""", catalog).refusals())
                .singleElement().satisfies(refusal -> {
                    assertThat(refusal.construct()).isEqualTo("UNION ALL BY NAME");
                    assertThat(refusal.reason()).contains("the column n is INTEGER");
                });
    }
}
