package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The functions and literals DuckDB and Snowflake spell differently, translated by the rules of
 * {@link SnowflakeFunctions} and {@link SnowflakeDatetimeLiterals}; what stays outside a rule is
 * refused. {@link SnowflakeRuleFactsTest} checks on DuckDB the behaviour each rule's argument relies on.
 */
class SnowflakeFunctionsTest {
    private final SnowflakeTranslator translator = new SnowflakeTranslator();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void boolOrAndBoolAndAreSnowflakesBoolOrAggAndBoolAndAgg() {
        // Calcite files bool_or under MAX: written unchanged it would not even run on Snowflake
        assertThat(translate("""
                select user_id, bool_or(is_active) as any_active,
                       bool_and(is_active) filter (where country = 'DE') as all_german_active
                from users group by user_id""")).contains(
                "BOOLOR_AGG(users.is_active) AS any_active",
                "BOOLAND_AGG(CASE WHEN users.country = 'DE' THEN users.is_active ELSE NULL END) AS all_german_active");
    }

    @Test
    void aFunctionCalciteFilesUnderAStandardKindIsRefusedByName() {
        assertThat(refusals("select every(is_active) as all_active from users"))
                .singleElement().asString().startsWith("1:8: every(...): Calcite reads it as MIN");
    }

    @Test
    void argMaxSkipsTheRowsWhoseValueIsNullAsDuckDbDoes() {
        assertThat(translate("""
                select user_id, arg_max(status, created_at) as last_status,
                       arg_min(order_id, created_at) filter (where status = 'paid') as first_paid,
                       count(distinct status) filter (where amount > 10) as statuses
                from orders group by user_id""")).contains(
                "MAX_BY(orders.status, CASE WHEN orders.status IS NOT NULL THEN orders.created_at END) AS last_status",
                "MIN_BY(CASE WHEN orders.status = 'paid' THEN orders.order_id ELSE NULL END, CASE WHEN CASE WHEN"
                        + " orders.status = 'paid' THEN orders.order_id ELSE NULL END IS NOT NULL THEN CASE WHEN"
                        + " orders.status = 'paid' THEN orders.created_at ELSE NULL END END) AS first_paid",
                "COUNT(DISTINCT CASE WHEN orders.amount > CAST(10 AS NUMBER(12, 2)) THEN orders.status ELSE NULL END)"
                        + " AS statuses");
        assertThat(refusals("select arg_max(status, created_at) over (partition by user_id) as s from orders"))
                .singleElement().asString().contains("Snowflake's MAX_BY and MIN_BY are not window functions");
    }

    @Test
    void trimStripsUnicodeSpaceSeparatorsAsDuckDbDoes() {
        String sql = translate("select trim(email) as a, trim(both ' ' from email) as b, ltrim(email) as c,"
                + " trim(email, '.') as d from users");

        String separators = "' \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F"
                + "\u205F\u3000'";
        assertThat(sql).contains("TRIM(users.email, " + separators + ") AS a", "TRIM(users.email, ' ') AS b",
                "TRIM(users.email, '.') AS d",
                "LTRIM(users.email, " + separators + ") AS c");
    }

    @Test
    void datesAndTimestampsWrittenAsTextAreReadWithAnExplicitFormat() {
        assertThat(translate("""
                select order_id from orders
                where created_at >= timestamp '2024-03-01 00:00:00' and created_at < cast('2024-04-01' as timestamp)
                  and created_at::date <> date '2024-03-15' and created_at <> cast('2024-03-02T10:00:00.5' as timestamp)
                """)).contains("orders.created_at >= TO_TIMESTAMP_NTZ('2024-03-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')",
                "orders.created_at < TO_TIMESTAMP_NTZ('2024-04-01', 'YYYY-MM-DD')",
                "CAST(orders.created_at AS DATE) <> TO_DATE('2024-03-15', 'YYYY-MM-DD')",
                "TO_TIMESTAMP_NTZ('2024-03-02T10:00:00.5', 'YYYY-MM-DD\"T\"HH24:MI:SS.FF1')");
        assertThat(refusals("select cast('03/01/2024' as date) as d from orders"))
                .singleElement().asString().contains("DATE/TIMESTAMP_INPUT_FORMAT");
    }

    @Test
    void intervalsWrittenInOneStringAreCountedInTheirSmallestWholeUnit() {
        assertThat(translate("""
                select created_at + interval '1 month' as next_month, created_at - interval '2 hours' as earlier,
                       created_at + interval '1 day 2 hours' as later, created_at + interval 1 month as month_later
                from orders""")).contains("DATEADD(MONTH, 1, orders.created_at) AS next_month",
                "DATEADD(HOUR, -2, orders.created_at) AS earlier", "DATEADD(HOUR, 26, orders.created_at) AS later",
                "DATEADD(MONTH, 1, orders.created_at) AS month_later");
    }

    @Test
    void anUnnamedColumnInALaterBranchOfAnOrderedUnionIsNotRefused() {
        assertThat(translate("select user_id as who from orders union all select upper(user_id) from orders order by 1"))
                .startsWith("SELECT EXPR$0.who").endsWith(") AS EXPR$0\nORDER BY 1 NULLS LAST");
        // an unnamed column of a derived table still is: DuckDB and Snowflake would name it differently
        assertThat(refusals("select * from (select upper(user_id) from orders) o")).isNotEmpty();
    }

    @Test
    void roundDatePartsAndDateDifferences() {
        assertThat(translate("""
                select order_id, round(amount, -2) as hundreds, round(amount) as whole,
                       extract(year from created_at) as year, date_part('dow', created_at) as weekday,
                       date_part('isodow', created_at) as iso_weekday, extract(week from created_at) as week_number,
                       date_diff('day', created_at, created_at + interval 3 day) as days, epoch(created_at) as seconds,
                       date_trunc('week', created_at) as week
                from orders""")).contains("CAST(ROUND(orders.amount, -2) AS NUMBER(12, 0)) AS hundreds",
                "CAST(ROUND(orders.amount, 0) AS NUMBER(12, 0)) AS whole", "DATE_PART(YEAR, orders.created_at) AS year",
                "(DAYOFWEEKISO(orders.created_at) % 7) AS weekday", "DAYOFWEEKISO(orders.created_at) AS iso_weekday",
                "WEEKISO(orders.created_at) AS week_number",
                "DATEDIFF(DAY, orders.created_at, DATEADD(DAY, 3, orders.created_at)) AS days",
                "(CAST(DATE_PART(EPOCH_MICROSECOND, orders.created_at) AS DOUBLE) / 1000000) AS seconds",
                "DATE_TRUNC('WEEK', orders.created_at) AS week");
        assertThat(refusals("select date_diff('week', created_at, created_at) as weeks from orders"))
                .singleElement().asString().contains("DuckDB's week counts 7-day spans");
        assertThat(refusals("select round(amount, item_count) as r from orders"))
                .singleElement().asString().contains("constant integer");
    }

    @Test
    void stringFunctionsWithTheirNullAndEdgeRules() {
        assertThat(translate("""
                select md5(status) as hash, split_part(coupon, '-', 1) as prefix, greatest(amount, 10) as at_least_ten,
                       least(created_at, created_at) as earliest, concat(status, '-', coupon) as label,
                       concat_ws('/', status, coupon) as path, substr(status, 2, 3) as middle,
                       lpad(status, 10, '.') as padded, len(status) as size
                from orders""")).contains("MD5(orders.status) AS hash", "SPLIT_PART(orders.coupon, '-', 1) AS prefix",
                "GREATEST_IGNORE_NULLS(orders.amount, 10) AS at_least_ten",
                "LEAST_IGNORE_NULLS(orders.created_at, orders.created_at) AS earliest",
                "CONCAT(COALESCE(orders.status, ''), COALESCE('-', ''), COALESCE(orders.coupon, '')) AS label",
                "ARRAY_TO_STRING(ARRAY_CONSTRUCT_COMPACT(orders.status, orders.coupon), '/') AS path",
                "SUBSTR(orders.status, 2, 3) AS middle", "LPAD(orders.status, 10, '.') AS padded",
                "LENGTH(orders.status) AS size");
        assertThat(refusals("select split_part(coupon, '', 0) as p, substr(status, 0, 2) as s,"
                + " concat(status, amount) as c from orders")).hasSize(3);
    }

    @Test
    void windowsRollupsAndFramesOfRows() {
        assertThat(translate("""
                select order_id, first_value(status) over (partition by user_id order by created_at) as first_status,
                       ntile(4) over (order by amount) as quartile,
                       sum(amount) over (order by created_at rows between 2 preceding and 1 following) as moving
                from orders""")).contains("FIRST_VALUE(orders.status) OVER (PARTITION BY orders.user_id ORDER BY"
                        + " orders.created_at NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
                "NTILE(4) OVER (ORDER BY orders.amount NULLS LAST) AS quartile",
                "SUM(orders.amount) OVER (ORDER BY orders.created_at NULLS LAST ROWS BETWEEN 2 PRECEDING AND 1"
                        + " FOLLOWING) AS moving");
        assertThat(translate("select status, coupon, grouping(status) as grouped, sum(amount) as total from orders"
                + " group by rollup (status, coupon)")).contains("GROUP BY ROLLUP(orders.status, orders.coupon)");
        assertThat(refusals("select sum(amount) over (order by created_at range between interval 2 day preceding"
                + " and current row) as m from orders")).anySatisfy(refusal -> assertThat(refusal)
                        .contains("RANGE BETWEEN with an offset"));
    }

    @Test
    void jsonPathsWithQuotedSimpleKeysAndArrayIndexes() {
        assertThat(translate("""
                select json_extract_string(traits, '$."email"') as email, json_extract_string(traits, '$.address."city"') as city,
                       json_extract_string(traits, '$[0].type') as first_type, traits ->> 'plan' as plan
                from rudder.identifies""")).contains("JSON_EXTRACT_PATH_TEXT(identifies.traits, 'email') AS email",
                "JSON_EXTRACT_PATH_TEXT(identifies.traits, 'address.city') AS city",
                "JSON_EXTRACT_PATH_TEXT(identifies.traits, '[0].type') AS first_type",
                "JSON_EXTRACT_PATH_TEXT(identifies.traits, 'plan') AS plan");
        assertThat(refusals("select json_extract_string(traits, '$.\"first name\"') as name from rudder.identifies"))
                .singleElement().asString().contains("simple names and array indexes");
    }

    @Test
    void aSortedListJoinedAsTextIsASortedArrayAggJoined() {
        assertThat(translate("select user_id, array_to_string(list_sort(list(status || ':' || coupon)), ', ') as known"
                + " from orders group by user_id")).contains(
                "CASE WHEN COUNT(orders.status || ':' || orders.coupon) = 0 THEN NULL ELSE ARRAY_TO_STRING(ARRAY_SORT("
                        + "ARRAY_AGG(orders.status || ':' || orders.coupon)), ', ') END AS known");
        assertThat(refusals("select array_to_string(tags, ',') as t from orders")).singleElement().asString()
                .contains("array_to_string(list_sort(list(text)), separator)");
    }

    @Test
    void regularExpressionsWhoseMatchIsTheSameInBothEngines() {
        assertThat(translate("""
                select regexp_extract(url, 'utm_source=([^&]+)', 1) as source,
                       regexp_extract(url, 'https?://[^/]+(/[^?]*)', 1) as path,
                       regexp_extract(url, '\\d+') as digits,
                       regexp_replace(url, '\\?.*$', '') as clean,
                       regexp_replace(url, '[0-9]', '#', 'g') as masked
                from rudder.pages
                where regexp_matches(url, 'utm_(source|medium)=')
                """)).contains(
                "CASE WHEN pages.url IS NULL THEN NULL ELSE COALESCE(REGEXP_SUBSTR(pages.url, 'utm_source=([^&]+)', 1, 1,"
                        + " 'ce', 1), '') END AS source",
                "COALESCE(REGEXP_SUBSTR(pages.url, 'https?://[^/]+(/[^?]*)', 1, 1, 'ce', 1), '')",
                "COALESCE(REGEXP_SUBSTR(pages.url, '\\\\d+'), '') END AS digits",
                "REGEXP_REPLACE(pages.url, '\\\\?.*$', '', 1, 1) AS clean",
                "REGEXP_REPLACE(pages.url, '[0-9]', '#', 1, 0) AS masked",
                "WHERE (REGEXP_COUNT(pages.url, 'utm_(source|medium)=') > 0)".replace("(source|medium)", "(source|medium)"));
    }

    @Test
    void regularExpressionsTheEnginesMayMatchDifferentlyAreRefused() {
        // | and a quantified part that can also match what follows: RE2 takes Perl's first match, POSIX the longest
        assertThat(refusals("select regexp_extract(url, '(a|ab)(c|bcd)') as x from rudder.pages")).singleElement()
                .asString().contains("no |");
        assertThat(refusals("select regexp_extract(url, '([a-z]*)([a-z]+)', 2) as x from rudder.pages")).singleElement()
                .asString().contains("cannot also match what follows it");
        assertThat(refusals("select regexp_extract(url, 'p(\\w+)?') as x from rudder.pages")).singleElement()
                .asString().contains("quantified groups");
        assertThat(refusals("select regexp_replace(url, '(p)', '\\1x') as x from rudder.pages")).singleElement()
                .asString().contains("without \\ or $");
        assertThat(refusals("select regexp_matches(url, '\\bshop') as x from rudder.pages")).singleElement()
                .asString().contains("\\b");
        assertThat(refusals("select regexp_matches(url, 'a*') as x from rudder.pages")).singleElement()
                .asString().contains("not matching ''");
        assertThat(refusals("select regexp_extract(url, '[\\d]') as x from rudder.pages")).singleElement()
                .asString().contains("without backslashes");
    }

    @Test
    void dayAndMonthNamesDaysOfTheWeekAndCalendarDates() {
        assertThat(translate("""
                select dayname(created_at) as weekday, monthname(created_at::date) as month, dayofweek(created_at) as dow,
                       last_day(created_at) as month_end, make_date(2024, 12, 31) as year_end
                from orders""")).contains("DECODE(DAYOFWEEKISO(orders.created_at), 1, 'Monday', 2, 'Tuesday', 3,"
                        + " 'Wednesday', 4, 'Thursday', 5, 'Friday', 6, 'Saturday', 7, 'Sunday') AS weekday",
                "DECODE(MONTH(CAST(orders.created_at AS DATE)), 1, 'January', 2, 'February'",
                "12, 'December') AS month", "(DAYOFWEEKISO(orders.created_at) % 7) AS dow",
                "LAST_DAY(CAST(orders.created_at AS DATE)) AS month_end", "DATE_FROM_PARTS(2024, 12, 31) AS year_end");
        assertThat(refusals("select make_date(2024, item_count, 1) as d from orders")).singleElement().asString()
                .contains("literal parts");
        assertThat(refusals("select make_date(2024, 2, 30) as d from orders")).singleElement().asString()
                .contains("not a date");
    }

    @Test
    void medianAndContinuousQuantilesOfDoublesAndIntegers() {
        assertThat(translate("""
                select country, median(lifetime_value) as median_ltv, quantile_cont(lifetime_value, 0.9) as p90
                from users group by country""")).contains(
                "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST(users.lifetime_value AS DOUBLE)) AS median_ltv",
                "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY CAST(users.lifetime_value AS DOUBLE)) AS p90");
        assertThat(refusals("select median(amount) as m from orders")).singleElement().asString()
                .contains("DuckDB keeps a decimal's scale");
        assertThat(refusals("select median(item_count) over (partition by user_id) as m from orders"))
                .anySatisfy(refusal -> assertThat(refusal).contains("PERCENTILE_CONT over a window"));
    }

    @Test
    void percentRanksCumulativeDistributionsAndNamedWindows() {
        assertThat(translate("""
                select order_id, percent_rank() over (order by amount) as pct, cume_dist() over w as cume,
                       sum(amount) over w as running
                from orders window w as (partition by user_id order by created_at)""")).contains(
                "PERCENT_RANK() OVER (ORDER BY orders.amount NULLS LAST) AS pct",
                "CUME_DIST() OVER (PARTITION BY orders.user_id ORDER BY orders.created_at NULLS LAST) AS cume",
                "SUM(orders.amount) OVER (PARTITION BY orders.user_id ORDER BY orders.created_at NULLS LAST RANGE"
                        + " BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running").doesNotContain("WINDOW");
        // without ORDER BY, Calcite's validator stops them before translation (DuckDB runs them)
    }

    @Test
    void whetherAJsonPathIsThereIsTheSameInBoth() {
        assertThat(translate("""
                select id from rudder.tracks
                where json_extract(properties, '$.items') is not null and (properties -> 'plan') is null""")).contains(
                "WHERE GET_PATH(PARSE_JSON(tracks.properties), 'items') IS NOT NULL"
                        + " AND GET_PATH(PARSE_JSON(tracks.properties), 'plan') IS NULL");
        assertThat(refusals("select id from rudder.tracks where json_extract(properties, '$.plan') = '\"pro\"'"))
                .isNotEmpty();
    }

    @Test
    void strftimeOfNumericFieldsAndTimeBucketsThatDivideADay() {
        assertThat(translate("""
                select strftime(created_at, '%Y-%m') as month, strftime(created_at::date, '%d/%m/%Y') as day,
                       strftime(created_at, '%H:%M:%S') as clock, time_bucket(interval '15 minutes', created_at) as slot,
                       time_bucket(interval '1 day', created_at) as day_bucket
                from orders""")).contains("TO_CHAR(orders.created_at, 'YYYY-MM') AS month",
                "TO_CHAR(CAST(orders.created_at AS DATE), 'DD/MM/YYYY') AS day",
                "TO_CHAR(orders.created_at, 'HH24:MI:SS') AS clock", "TIME_SLICE(orders.created_at, 15, 'MINUTE') AS slot",
                "TIME_SLICE(orders.created_at, 1, 'DAY') AS day_bucket");
        assertThat(refusals("select strftime(created_at, '%B %Y') as m from orders")).singleElement().asString()
                .contains("literal format of %Y");
        assertThat(refusals("select time_bucket(interval '7 days', created_at) as w from orders")).singleElement()
                .asString().contains("divides a day");
        assertThat(refusals("select time_bucket(interval '7 minutes', created_at) as w from orders")).singleElement()
                .asString().contains("divides a day");
    }

    @Test
    void integerDivisionByALiteralTruncatesTowardZero() {
        assertThat(translate("select item_count // 2 as pairs, order_id // 7 as weeks from orders")).contains(
                "CAST(TRUNC(orders.item_count / 2) AS INTEGER) AS pairs",
                "CAST(TRUNC(orders.order_id / 7) AS BIGINT) AS weeks");
        assertThat(translate("select order_id % item_count as spread, amount % 7 as rest from orders")).contains(
                "CAST(MOD(orders.order_id, orders.item_count) AS BIGINT) AS spread",
                "CAST(MOD(orders.amount, 7) AS NUMBER(");
        assertThat(refusals("select lifetime_value % 2 as r from users")).singleElement().asString()
                .contains("integers and decimals");
        assertThat(refusals("select order_id // item_count as x from orders")).singleElement().asString()
                .contains("literal integer");
    }

    @Test
    void aPivotWithGroupByIsTheFilteredAggregatesItComputes() {
        assertThat(translate("""
                pivot (select user_id, status, amount, order_id from orders) on status in ('paid' as settled, 'refunded')
                using count(order_id) as orders, sum(amount) as revenue
                group by user_id
                order by user_id""")).isEqualTo("""
                SELECT EXPR$0.user_id,
                    COUNT(CASE WHEN EXPR$0.status = 'paid' THEN EXPR$0.order_id ELSE NULL END) AS settled_orders,
                    SUM(CASE WHEN EXPR$0.status = 'paid' THEN EXPR$0.amount ELSE NULL END) AS settled_revenue,
                    COUNT(CASE WHEN EXPR$0.status = 'refunded' THEN EXPR$0.order_id ELSE NULL END) AS refunded_orders,
                    SUM(CASE WHEN EXPR$0.status = 'refunded' THEN EXPR$0.amount ELSE NULL END) AS refunded_revenue
                FROM (SELECT orders.user_id,
                            orders.status,
                            orders.amount,
                            orders.order_id
                        FROM orders AS orders) AS EXPR$0
                GROUP BY EXPR$0.user_id
                ORDER BY user_id NULLS LAST""");
        // without GROUP BY, every column of the input that neither ON nor USING names is a group
        assertThat(translate("pivot (select user_id, status, coupon, item_count from orders) on status in ('paid')"
                + " using max(item_count)")).contains("MAX(CASE WHEN pivot_input.status = 'paid' THEN"
                        + " pivot_input.item_count ELSE NULL END) AS paid",
                "GROUP BY pivot_input.user_id,").endsWith("    pivot_input.coupon");
        // of a table, its columns are not listed in the query
        assertThat(refusals("pivot orders on status in ('paid') using sum(amount)")).singleElement().asString()
                .contains("PIVOT");
    }

    @Test
    void theMostFrequentValueAndUtcWallClockTimes() {
        assertThat(translate("select mode(country) as top_country from users")).contains("MODE(users.country) AS top_country");
        assertThat(translate("select \"timestamp\" at time zone 'UTC' as utc from rudder.tracks")).contains(
                "CAST(CONVERT_TIMEZONE('UTC', tracks.\"TIMESTAMP\") AS TIMESTAMP_NTZ) AS utc");
        assertThat(refusals("select \"timestamp\" at time zone 'Europe/Berlin' as local from rudder.tracks"))
                .singleElement().asString().contains("'UTC'");
    }

    private List<String> refusals(String sql) {
        DialectTranslation translation = translator.translate(sql, catalog);
        assertThat(translation.translated()).as("translated: %s", translation.sql()).isFalse();
        return translation.refusals().stream().map(TranslationRefusal::toString).toList();
    }

    private String translate(String sql) {
        DialectTranslation translation = translator.translate(sql, catalog);
        assertThat(translation.refusals()).isEmpty();
        return translation.sql();
    }
}
