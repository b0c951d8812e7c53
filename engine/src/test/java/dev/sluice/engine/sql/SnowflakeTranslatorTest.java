package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** DuckDB queries to Snowflake: what is translated, exactly, and what is refused, by line and construct. */
class SnowflakeTranslatorTest {
    private final SnowflakeTranslator translator = new SnowflakeTranslator();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void aggregatesFiltersStringAggJsonAndNullOrdering() {
        assertThat(translate("""
                select event,
                       avg(item_count) as avg_items,
                       count(*) filter (where t.user_id is not null) as known,
                       sum(amount) filter (where status = 'paid') as paid,
                       string_agg(status, ',' order by created_at desc) as statuses
                from orders o join rudder.tracks t on t.user_id = o.user_id
                group by event
                order by event desc
                """)).isEqualTo("""
                SELECT t.event,
                    AVG(CAST(o.item_count AS DOUBLE)) AS avg_items,
                    COUNT(CASE WHEN t.user_id IS NOT NULL THEN 1 ELSE NULL END) AS known,
                    SUM(CASE WHEN o.status = 'paid' THEN o.amount ELSE NULL END) AS paid,
                    CASE WHEN COUNT(o.status) = 0 THEN NULL ELSE LISTAGG(o.status, ',') WITHIN GROUP (ORDER BY o.created_at DESC NULLS LAST) END AS statuses
                FROM orders AS o
                    INNER JOIN rudder.tracks AS t ON t.user_id = o.user_id
                GROUP BY t.event
                ORDER BY event DESC NULLS LAST""");
    }

    @Test
    void castsDivisionDatesJsonWindowsAndKeywords() {
        assertThat(translate("""
                select received_at::date as day,
                       json_extract_string(properties, '$.plan.name') as plan,
                       properties ->> 'coupon' as coupon,
                       received_at - interval 7 day as week_before,
                       date_trunc('month', received_at::date) as month,
                       1 / 4 as quarter,
                       count(*) over (partition by user_id order by received_at) as nth,
                       "timestamp"
                from rudder.tracks
                limit 5
                """)).isEqualTo("""
                SELECT CAST(tracks.received_at AS DATE) AS day,
                    JSON_EXTRACT_PATH_TEXT(tracks.properties, 'plan.name') AS plan,
                    JSON_EXTRACT_PATH_TEXT(tracks.properties, 'coupon') AS coupon,
                    DATEADD(DAY, -7, tracks.received_at) AS week_before,
                    CAST(DATE_TRUNC('MONTH', CAST(tracks.received_at AS DATE)) AS TIMESTAMP_NTZ) AS month,
                    (CAST(1 AS DOUBLE) / CAST(4 AS DOUBLE)) AS quarter,
                        COUNT(*) OVER (PARTITION BY tracks.user_id ORDER BY tracks.received_at NULLS LAST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS nth,
                    tracks."TIMESTAMP"
                FROM rudder.tracks AS tracks
                LIMIT 5""");
    }

    @Test
    void backslashesInStringsAreEscapedForSnowflake() {
        assertThat(translate("select user_id from rudder.identifies where email like '%\\_%' escape '\\'"))
                .contains("LIKE '%\\\\_%' ESCAPE '\\\\'");
    }

    @Test
    void refusesWhatItCannotProveWithLineAndConstruct() {
        DialectTranslation translation = translator.translate("""
                select distinct on (user_id) user_id,
                       regexp_matches(email, '^a', 'i') as a_names,
                       count(*) over () as everyone,
                       received_at::varchar as received_text,
                       "Email Address"
                from (select *, email as "Email Address" from rudder.identifies) i
                order by user_id, received_at desc
                """, catalog);

        assertThat(translation.translated()).isFalse();
        assertThat(translation.refusals()).extracting(TranslationRefusal::toString).containsExactly(
                "2:8: regexp_matches(...): translated with a literal pattern of characters, escaped special"
                        + " characters, ., \\d, \\w, [...] without backslashes, greedy ? * + and groups, not matching '';"
                        + " no |, {n}, \\s, \\b, flags or quantified groups (RE2 and Snowflake's POSIX expressions differ"
                        + " there)",
                "4:8: cast(... as VARCHAR): text of a TIMESTAMP is formatted by session settings in Snowflake (and"
                        + " floats print differently); format it explicitly",
                "5:8: \"Email Address\": Snowflake matches a quoted name by its exact case; only simple names"
                        + " (letters, digits, _) mean the same object in both; rename it",
                "6:26: \"Email Address\": Snowflake matches a quoted name by its exact case; only simple names"
                        + " (letters, digits, _) mean the same object in both; rename it");
    }

    @Test
    void distinctOnKeepsTheFirstRowOfEachGroupAsTheOrderBySortsThem() {
        // aliases and ordinals name the output column's expression, as in DuckDB; NULLs sort last as in DuckDB
        assertThat(translate("""
                select distinct on (buyer) user_id as buyer, order_id, status as state
                from orders
                order by 1, created_at desc, state
                """)).isEqualTo("""
                SELECT orders.user_id AS buyer,
                    orders.order_id,
                    orders.status AS state
                FROM orders AS orders
                QUALIFY (ROW_NUMBER() OVER (PARTITION BY orders.user_id ORDER BY orders.user_id NULLS LAST, orders.created_at DESC NULLS LAST, orders.status NULLS LAST)) = CAST(1 AS BIGINT)
                ORDER BY 1 NULLS LAST,
                    orders.created_at DESC NULLS LAST,
                    state NULLS LAST""");
    }

    @Test
    void distinctOnIsRefusedWhereWhichRowIsKeptIsNotCarried() {
        assertThat(translator.translate("select distinct on (user_id) user_id, order_id from orders", catalog)
                .refusals()).extracting(TranslationRefusal::toString).containsExactly("1:20: DISTINCT ON without"
                        + " ORDER BY: which row of each group is kept is arbitrary, and DuckDB and Snowflake may choose"
                        + " differently; add an ORDER BY that decides it (by column names or expressions, not `*`"
                        + " ordinals)");
        assertThat(translator.translate("select distinct on (user_id) * from orders order by 1, 2", catalog)
                .refusals()).extracting(TranslationRefusal::construct).containsExactly("DISTINCT ON without ORDER BY");
        assertThat(translator.translate("""
                select distinct on (user_id) user_id, order_id from orders
                qualify count(*) over (partition by user_id) > 1
                order by user_id, created_at""", catalog).refusals())
                .extracting(TranslationRefusal::line, TranslationRefusal::construct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "DISTINCT ON with QUALIFY"));
        assertThat(translator.translate("""
                select user_id, order_id from orders
                qualify row_number() over (partition by user_id) = 1
                order by user_id, created_at""", catalog).refusals())
                .extracting(TranslationRefusal::construct).containsExactly("row_number() without ORDER BY");
    }

    @Test
    void anOutputColumnNeedsANameBothWarehousesGiveIt() {
        assertThat(translator.translate("select user_id, count(*) from rudder.tracks group by user_id", catalog)
                .refusals()).extracting(TranslationRefusal::construct).containsExactly("an output column without a name");
    }

    @Test
    void aLikePatternThatMayHoldABackslashIsRefused() {
        assertThat(translator.translate("""
                select user_id from users
                where email like '%@%' and email not like '%\\_%'
                   or email ilike '%' || country || '%'""", catalog).refusals())
                .extracting(TranslationRefusal::line, TranslationRefusal::construct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2,
                                "NOT LIKE with a pattern that is not a literal without a backslash"),
                        org.assertj.core.groups.Tuple.tuple(3,
                                "ILIKE with a pattern that is not a literal without a backslash"));
    }

    @Test
    void aDoubleIsRoundedToDigitsAsDuckDbDoesInDoubleArithmetic() {
        DialectTranslation translation = translator.translate("""
                select round(lifetime_value, 2) as value, round(lifetime_value, -1) as tens,
                       round(lifetime_value) as whole
                from users""", catalog);

        assertThat(translation.refusals()).isEmpty();
        assertThat(translation.sql()).contains(
                "(ROUND(users.lifetime_value * CAST(100 AS FLOAT), 0) / CAST(100 AS FLOAT)) AS value",
                "(ROUND(users.lifetime_value / CAST(10 AS FLOAT), 0) * CAST(10 AS FLOAT)) AS tens",
                "ROUND(users.lifetime_value, 0) AS whole");
    }

    @Test
    void aProductOfDecimalsWhoseScalesAddUpPastTwelveDigitsIsRefused() {
        assertThat(translator.translate("""
                select order_id, amount * 0.19 as tax,
                       amount * cast(0.000000001 as decimal(18, 11)) as fee
                from orders""", catalog).refusals()).extracting(TranslationRefusal::line, TranslationRefusal::construct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "* of decimals"));
    }

    @Test
    void aTimestampDifferenceIsRefusedTheDistinctFilterAndGreatestAroundItAreNot() {
        List<TranslationRefusal> refusals = translator.translate("""
                select o.user_id, count(distinct o.status) filter (where o.amount > 0) as kinds,
                       greatest(max(o.created_at), max(o.created_at)) as latest,
                       max(o.created_at) - min(o.created_at) as span
                from orders o
                group by o.user_id
                """, catalog).refusals();

        assertThat(refusals).extracting(TranslationRefusal::construct).containsExactly("timestamp - timestamp");
    }

    @Test
    void duckDbOnlyConstructsAreRefusedNeverWrittenAsIfTheyMeantTheSame() {
        assertThat(refusals("select status[1:3] as prefix from orders"))
                .singleElement().asString().startsWith("1:8: x[a:b]: Snowflake has no slice syntax");
        assertThat(refusals("pivot orders on status in ('paid') using sum(amount)"))
                .singleElement().asString().startsWith("1:1: PIVOT: DuckDB's PIVOT statement is not translated");
        assertThat(refusals("unpivot users on email, country"))
                .singleElement().asString().startsWith("1:1: UNPIVOT: DuckDB's UNPIVOT statement is not translated");
        assertThat(refusals("select list_transform(tags, lambda t: upper(t)) as shouted from orders"))
                .singleElement().asString().startsWith("1:8: list_transform(...): list functions with lambdas are not"
                        + " translated");
    }

    @Test
    void aPivotWithoutInIsAProblemNotATranslation() {
        SqlProblemException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(SqlProblemException.class,
                () -> translator.translate("pivot orders on status using count(*)", catalog));

        assertThat(thrown.problem().message()).startsWith("columns known only at run time");
    }

    private List<String> refusals(String sql) {
        DialectTranslation translation = translator.translate(sql, catalog);
        assertThat(translation.translated()).isFalse();
        return translation.refusals().stream().map(TranslationRefusal::toString).toList();
    }

    @Test
    void theStandardPackagesConstructs() {
        assertThat(translate("""
                select try_cast(json_extract_string(traits, '$.test_user') as boolean) as test_user,
                       substring(email from position('@' in email) + 1) as domain,
                       cast(received_at as timestamptz) + interval '3' day as later
                from rudder.identifies
                union all
                select null, null, "timestamp" - interval 2 hour from rudder.tracks
                """)).isEqualTo("""
                SELECT (CASE WHEN LOWER(JSON_EXTRACT_PATH_TEXT(identifies.traits, 'test_user')) IN ('true', 't', 'yes', 'y', '1') THEN TRUE WHEN LOWER(JSON_EXTRACT_PATH_TEXT(identifies.traits, 'test_user')) IN ('false', 'f', 'no', 'n', '0') THEN FALSE END) AS test_user,
                    SUBSTR(identifies.email, POSITION('@' IN identifies.email) + 1) AS domain,
                    DATEADD(DAY, 3, CAST(identifies.received_at AS TIMESTAMP_TZ)) AS later
                FROM rudder.identifies AS identifies
                UNION ALL
                SELECT CAST(NULL AS BOOLEAN),
                    CAST(NULL AS VARCHAR),
                    DATEADD(HOUR, -2, tracks."TIMESTAMP")
                FROM rudder.tracks AS tracks""");
    }

    @Test
    void aMonthAfterATimestampWithTimeZoneIsRefused() {
        DialectTranslation translation = new SnowflakeTranslator().translate(
                "select \"timestamp\" + interval 1 month as later from rudder.tracks", ShopCatalog.create());
        assertThat(translation.refusals()).singleElement().satisfies(refusal -> assertThat(refusal.reason())
                .contains("days, hours, minutes and seconds"));
    }

    @Test
    void jsonReadOutOfJsonIsADocumentOnlyAsAnOutputColumn() {
        assertThat(translate("""
                select json_extract(traits, '$."consent"."ids"') as ids
                from rudder.identifies
                """)).isEqualTo("""
                SELECT GET_PATH(PARSE_JSON(identifies.traits), 'consent.ids') AS ids
                FROM rudder.identifies AS identifies""");
        DialectTranslation asText = new SnowflakeTranslator().translate(
                "select lower(cast(json_extract(traits, '$.a') as varchar)) as a from rudder.identifies",
                ShopCatalog.create());
        assertThat(asText.translated()).isFalse();
    }

    private String translate(String sql) {
        DialectTranslation translation = translator.translate(sql, catalog);
        assertThat(translation.refusals()).isEmpty();
        return translation.sql();
    }
}
