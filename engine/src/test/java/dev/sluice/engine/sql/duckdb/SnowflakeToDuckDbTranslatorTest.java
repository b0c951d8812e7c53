package dev.sluice.engine.sql.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.sql.DialectTranslation;
import dev.sluice.engine.sql.ShopCatalog;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.TranslationRefusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQL the Snowflake-to-DuckDB translation writes, and what it refuses, by line and construct. The translated
 * queries of the Snowflake corpus also run on DuckDB ({@code SnowflakeCorpusTest}).
 */
class SnowflakeToDuckDbTranslatorTest {
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    private final SnowflakeToDuckDbTranslator translator = new SnowflakeToDuckDbTranslator();

    @Test
    void everySortKeyGetsSnowflakesNullOrder() {
        DialectTranslation translation = translator.translate("""
                select order_id, row_number() over (partition by user_id order by coupon desc) as n
                from orders
                order by coupon, order_id desc""", CATALOG);

        assertThat(translation.sql()).contains("ORDER BY \"orders\".\"coupon\" DESC NULLS FIRST)",
                "ORDER BY \"orders\".\"coupon\" NULLS LAST,", "\"order_id\" DESC NULLS FIRST");
    }

    @Test
    void variantPathsAreJsonPathsAndTheirTextIsReadWithoutQuotes() {
        DialectTranslation translation = translator.translate(
                "select properties:items[0].sku::string as sku, properties:plan as plan from rudder.tracks", CATALOG);

        assertThat(translation.sql()).contains("json_extract_string(\"tracks\".\"properties\", '$.items[0].sku') AS \"sku\"",
                "json_extract(\"tracks\".\"properties\", '$.plan') AS \"plan\"");
    }

    @Test
    void listaggHasSnowflakesEmptySeparatorAndEmptyStringForNoValue() {
        DialectTranslation translation = translator.translate(
                "select listagg(status) within group (order by order_id) as statuses from orders", CATALOG);

        assertThat(translation.sql()).contains("COALESCE(string_agg(\"orders\".\"status\", ''"
                + " ORDER BY \"orders\".\"order_id\" NULLS LAST), '')");
    }

    @Test
    void arrayAggWithinGroupIsTheJsonArrayOfItsValuesWithoutNulls() {
        DialectTranslation translation = translator.translate("""
                select user_id, array_agg(coupon) within group (order by created_at desc) as coupons
                from orders group by user_id""", CATALOG);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).contains("COALESCE(to_json(array_agg(\"orders\".\"coupon\" ORDER BY"
                + " \"orders\".\"created_at\" DESC NULLS FIRST) FILTER (WHERE \"orders\".\"coupon\" IS NOT NULL)),"
                + " CAST('[]' AS JSON)) AS \"coupons\"");
    }

    @Test
    void regexpSubstrIsTheMatchOrGroupAndNullWhereNothingMatches() {
        assertThat(translator.translate("""
                select regexp_substr(context_page_url, 'utm_source=([^&]+)', 1, 1, 'e') as source,
                       regexp_substr(context_page_url, 'p[0-9]+') as page,
                       regexp_substr(context_page_url, '(https?)://([^/]+)', 1, 1, 'c', 2) as host
                from rudder.tracks""", CATALOG).sql()).contains(
                "(CASE WHEN regexp_matches(\"tracks\".\"context_page_url\", 'utm_source=([^&]+)') THEN"
                        + " regexp_extract(\"tracks\".\"context_page_url\", 'utm_source=([^&]+)', 1) END) AS \"source\"",
                "regexp_extract(\"tracks\".\"context_page_url\", 'p[0-9]+', 0) END) AS \"page\"",
                "regexp_extract(\"tracks\".\"context_page_url\", '(https?)://([^/]+)', 2) END) AS \"host\"");
    }

    @Test
    void rollupCubeAndGroupingAreTheStandards() {
        DialectTranslation translation = translator.translate("""
                select nvl(status, 'all') as status, grouping(status, coupon) as level, count(*) as orders
                from orders
                group by rollup (status, coupon)""", CATALOG);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).contains("GROUPING(\"orders\".\"status\", \"orders\".\"coupon\") AS \"level\"",
                "GROUP BY ROLLUP(\"orders\".\"status\", \"orders\".\"coupon\")");
    }

    @Test
    void aJoinOfThreeTablesWithQualifyIsCheckedNotACrash() {
        // the checks ask every operand for its type; a join's has no SQL type name
        DialectTranslation translation = translator.translate("""
                select o.order_id, nvl(p.referrer, 'direct') as last_referrer
                from orders o
                left join identity_graph g on g.user_id = o.user_id
                left join rudder.pages p on p.anonymous_id = g.anonymous_id and p.received_at <= o.created_at
                qualify row_number() over (partition by o.order_id order by p.received_at desc) = 1""", CATALOG);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).contains("ORDER BY \"p\".\"received_at\" DESC NULLS FIRST");
    }

    /** Snowflake takes a date or time part as a name or a string, in any case, or abbreviated; each means the part. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ==> ", value = {
        "dateadd('month', 1, created_at) ==> (\"orders\".\"created_at\" + 1 * INTERVAL '1' MONTH)",
        "dateadd(mon, 1, created_at) ==> (\"orders\".\"created_at\" + 1 * INTERVAL '1' MONTH)",
        "dateadd('Y', -2, created_at) ==> (\"orders\".\"created_at\" + -2 * INTERVAL '1' YEAR)",
        "timestampadd('d', 3, created_at) ==> (\"orders\".\"created_at\" + 3 * INTERVAL '1' DAY)",
        "timestampadd(qtr, 1, created_at) ==> (\"orders\".\"created_at\" + 1 * INTERVAL '3' MONTH)",
        "datediff('day', created_at, created_at) ==> date_diff('day', \"orders\".\"created_at\", \"orders\".\"created_at\")",
        "datediff(mi, created_at, created_at) ==> date_diff('minute', \"orders\".\"created_at\", \"orders\".\"created_at\")",
        "timestampdiff('hh', created_at, created_at) ==> date_diff('hour', \"orders\".\"created_at\", \"orders\".\"created_at\")",
        "timestampdiff(secs, created_at, created_at) ==> date_diff('second', \"orders\".\"created_at\", \"orders\".\"created_at\")",
        "date_trunc(month, created_at) ==> date_trunc('month', \"orders\".\"created_at\")",
        "date_trunc('MM', created_at) ==> date_trunc('month', \"orders\".\"created_at\")",
        "date_trunc(wk, created_at) ==> date_trunc('week', \"orders\".\"created_at\")",
        "date_part('yyyy', created_at) ==> date_part('year', \"orders\".\"created_at\")",
        "date_part(dow, created_at) ==> date_part('isodow', \"orders\".\"created_at\")",
        "date_part(weekofyeariso, created_at) ==> date_part('week', \"orders\".\"created_at\")",
        "dayofweek(created_at) ==> isodow(\"orders\".\"created_at\")",
        "dateadd(day, -30, current_date) ==> CAST(((CURRENT_DATE) + -30 * INTERVAL '1' DAY) AS DATE)",
        "datediff(week, created_at, created_at) ==> (date_diff('day', date_trunc('week', \"orders\".\"created_at\"),"
                + " date_trunc('week', \"orders\".\"created_at\")) // 7)"})
    void datePartsAreReadAsSnowflakeWritesThem(String expression, String translated) {
        DialectTranslation translation = translator.translate("select " + expression + " as x from orders", CATALOG);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).contains(translated + " AS \"x\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ==> ", value = {
        "date_trunc(fortnight, created_at) ==> 1:19: 'fortnight' is not a date or time part DATE_TRUNC takes",
        "dateadd('dow', 1, created_at) ==> 1:16: 'dow' is not a date or time part DATEADD takes",
        "datediff(epoch, created_at, created_at) ==> 1:17: 'epoch' is not a date or time part DATEDIFF takes",
        "date_part('moon', created_at) ==> 1:18: 'moon' is not a date or time part DATE_PART takes"})
    void anUnknownDatePartIsAProblemAtThePart(String expression, String problem) {
        dev.sluice.engine.sql.SqlProblemException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> translator.translate("select " + expression + " as x from orders", CATALOG),
                dev.sluice.engine.sql.SqlProblemException.class);

        assertThat(thrown.problem().line() + ":" + thrown.problem().column() + ": " + thrown.problem().message())
                .startsWith(problem);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiterString = " | ", value = {
        "select id from rudder.tracks\\nwhere properties:plan = 'pro' | 2:7: a VARIANT in =",
        "select properties:plan as plan, count(*) as n from rudder.tracks group by 1 | 1:8: GROUP BY or DISTINCT of a VARIANT",
        "select order_id,\\n  amount / item_count as per_item from orders | 2:3: / of exact numbers",
        "select user_id, avg(amount) as average from orders group by user_id | 1:17: avg of exact numbers",
        "select user_id from orders qualify row_number() over (partition by user_id) = 1 | 1:36: row_number() OVER (...) without ORDER BY",
        "select sum(amount) over (order by created_at) as running from orders | 1:8: sum(...) OVER (... ORDER BY ...) without a frame",
        "select datediff(ms, created_at, created_at) as w from orders | 1:8: DATEDIFF(millisecond, ...)",
        "select date_part(week, created_at) as w from orders | 1:8: DATE_PART(week, ...)",
        "select dateadd(day, 1, \"TIMESTAMP\") as t from rudder.tracks | 1:8: DATEADD of a value that is not a DATE or TIMESTAMP_NTZ",
        "select 'C:\\temp' as x | 1:8: a string with a backslash",
        "select order_id, created_at::string as t from orders | 1:18: text of TIMESTAMP",
        "select t.id, f.seq from rudder.tracks t, lateral flatten(input => t.properties:items) f | 1:14: FLATTEN's SEQ",
        "select div0(amount, item_count) as d from orders | 1:8: div0(...)",
        "select round(lifetime_value, 0) as whole from users | 1:8: ROUND of a FLOAT",
        "select \"user_id\", \"ORDER_ID\" from orders | 1:8: \"user_id\"",
        "select left(email, -1) as l, right(email, 2) as r from users | 1:8: LEFT with a length that is not a literal of 0 or more",
        "select order_id, amount * 0.00000000015 as fee, amount * 0.19 as tax from orders | 1:18: * of NUMBERs",
        "select user_id, array_agg(status) as statuses from orders group by user_id | 1:17: ARRAY_AGG without WITHIN GROUP (ORDER BY ...)",
        "select user_id, array_agg(created_at) within group (order by created_at) as times from orders group by user_id | 1:17: ARRAY_AGG of TIMESTAMP",
        "select user_id, array_size(array_agg(status) within group (order by created_at)) as n from orders group by user_id | 1:28: ARRAY_AGG other than as an output column",
        "select user_id, array_agg(distinct status) within group (order by status) as s from orders group by user_id | 1:17: ARRAY_AGG(DISTINCT ...)",
        "select order_id, array_agg(status) within group (order by created_at) over (partition by user_id) as s from orders | 1:18: ARRAY_AGG ... OVER",
        "select regexp_substr(url, 'a|b') as x from rudder.pages | 1:8: REGEXP_SUBSTR of the pattern 'a|b'",
        "select regexp_substr(url, '[a-z]+[a-z]') as x from rudder.pages | 1:8: REGEXP_SUBSTR of the pattern '[a-z]+[a-z]'",
        "select regexp_substr(url, 'p=([^&]*)', 1, 1, 'e') as x from rudder.pages | 1:8: REGEXP_SUBSTR with 5 arguments",
        "select regexp_substr(url, 'p=([^&]+)', 1, 2, 'e') as x from rudder.pages | 1:43: REGEXP_SUBSTR with 5 arguments",
        "select regexp_substr(url, 'p=([^&]+)', 1, 1, 'ie') as x from rudder.pages | 1:46: REGEXP_SUBSTR parameters 'ie'",
        "select regexp_substr(url, 'p=([^&]+)', 1, 1, 'e', 2) as x from rudder.pages | 1:8: REGEXP_SUBSTR with 6 arguments"})
    void refusesByLineAndConstruct(String sql, String refusal) {
        DialectTranslation translation = translator.translate(sql.replace("\\n", "\n"), CATALOG);

        assertThat(translation.translated()).isFalse();
        assertThat(translation.refusals()).extracting(SnowflakeToDuckDbTranslatorTest::lineAndConstruct)
                .containsExactly(refusal);
    }

    private static String lineAndConstruct(TranslationRefusal refusal) {
        return refusal.line() + ":" + refusal.column() + ": " + refusal.construct();
    }
}
