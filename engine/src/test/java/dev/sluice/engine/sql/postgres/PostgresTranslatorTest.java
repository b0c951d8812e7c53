package dev.sluice.engine.sql.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.sql.DialectTranslation;
import dev.sluice.engine.sql.ShopCatalog;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.TranslationRefusal;
import org.junit.jupiter.api.Test;

/**
 * DuckDB queries to PostgreSQL: what is translated, exactly, and what is refused, by line and construct.
 * That the translations compute DuckDB's rows is checked by running them ({@code PostgresDifferentialTest}).
 */
class PostgresTranslatorTest {
    private final PostgresTranslator translator = new PostgresTranslator();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void aggregatesDivisionTextOrderAndNulls() {
        assertThat(translate("""
                select event,
                       avg(item_count) as avg_items,
                       count(*) filter (where t.user_id is not null) as known,
                       string_agg(status, ',' order by created_at desc) as statuses,
                       max(status) as last_status,
                       arg_max(status, created_at) as latest,
                       bool_or(amount > 10) as big,
                       sum(item_count) // 2 as half, 1 / 4 as quarter
                from orders o join rudder.tracks t on t.user_id = o.user_id
                where t.event like 'a\\_%' and trim(status) > 'a'
                group by event
                order by event desc
                """)).isEqualTo("""
                SELECT t.event COLLATE "C" AS event,
                    AVG(CAST(o.item_count AS double precision)) AS avg_items,
                        COUNT(*) FILTER (WHERE t.user_id IS NOT NULL) AS known,
                    STRING_AGG(o.status, ',' ORDER BY o.created_at DESC NULLS LAST) AS statuses,
                    MAX(o.status COLLATE "C") AS last_status,
                    (ARRAY_AGG(o.status ORDER BY o.created_at DESC) FILTER (WHERE o.status IS NOT NULL AND o.created_at IS NOT NULL))[1] AS latest,
                    BOOL_OR(o.amount > CAST(10 AS numeric(12, 2))) AS big,
                    DIV(SUM(o.item_count), 2) AS half,
                    (CAST(1 AS double precision) / CAST(4 AS double precision)) AS quarter
                FROM orders AS o
                    INNER JOIN rudder.tracks AS t ON t.user_id = o.user_id
                WHERE (t.event LIKE 'a\\_%' ESCAPE '') AND ((BTRIM(o.status, U&'\\0020\\00A0\\1680\\2000\\2001\\2002\\2003\\2004\\2005\\2006\\2007\\2008\\2009\\200A\\202F\\205F\\3000')) COLLATE "C" > 'a')
                GROUP BY t.event
                ORDER BY event DESC NULLS LAST""");
    }

    @Test
    void datesJsonIntervalsWindowsAndNames() {
        assertThat(translate("""
                select received_at::date as day,
                       json_extract_string(properties, '$.plan."name"') as plan,
                       properties -> 'items' ->> 0 as first_item,
                       received_at - interval 7 day as week_before,
                       date_trunc('month', received_at::date) as month,
                       date_diff('minute', received_at, "timestamp") as minutes,
                       extract(hour from received_at) as hour,
                       count(*) over (partition by user_id order by anonymous_id) as nth,
                       round(1.5::double, 1) as r,
                       "timestamp", user_id as "User"
                from rudder.tracks
                """)).isEqualTo("""
                SELECT CAST(tracks.received_at AS date) AS day,
                    (CAST(tracks.properties AS jsonb) #>> '{"plan","name"}') AS plan,
                    (CAST(tracks.properties AS jsonb) #>> '{"items","0"}') AS first_item,
                        tracks.received_at - ((7 * INTERVAL '1' DAY)) AS week_before,
                    DATE_TRUNC('month', CAST(CAST(tracks.received_at AS date) AS timestamp)) AS month,
                    CAST((EXTRACT(EPOCH FROM DATE_TRUNC('minute', tracks."timestamp")) - EXTRACT(EPOCH FROM DATE_TRUNC('minute', tracks.received_at))) / 60 AS bigint) AS minutes,
                    CAST(EXTRACT(HOUR FROM tracks.received_at) AS bigint) AS hour,
                        COUNT(*) OVER (PARTITION BY tracks.user_id ORDER BY tracks.anonymous_id COLLATE "C" NULLS LAST) AS nth,
                    ((TRUNC((CAST(1.5 AS double precision) * CAST(10 AS double precision))) + CASE WHEN ABS((CAST(1.5 AS double precision) * CAST(10 AS double precision)) - TRUNC((CAST(1.5 AS double precision) * CAST(10 AS double precision)))) >= 0.5 THEN SIGN((CAST(1.5 AS double precision) * CAST(10 AS double precision))) ELSE 0 END) / CAST(10 AS double precision)) AS r,
                    tracks."timestamp",
                    tracks.user_id AS "user"
                FROM rudder.tracks AS tracks""");
    }

    @Test
    void refusesWhatItCannotProveWithLineAndConstruct() {
        DialectTranslation translation = translator.translate("""
                select user_id,
                       regexp_matches(email, '\\bann') as a_names,
                       try_cast(email as integer) as number,
                       1e3 as thousand,
                       "Email Address"
                from (select *, email as "Email Address" from rudder.identifies) i
                qualify row_number() over (partition by user_id order by received_at desc) = 1
                order by user_id
                """, catalog);

        assertThat(translation.translated()).isFalse();
        assertThat(translation.refusals()).extracting(TranslationRefusal::line, TranslationRefusal::construct)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "regexp_matches(...)"),
                        org.assertj.core.groups.Tuple.tuple(3, "try_cast(... as INTEGER)"),
                        org.assertj.core.groups.Tuple.tuple(4, "1E3"),
                        org.assertj.core.groups.Tuple.tuple(5, "\"Email Address\""),
                        org.assertj.core.groups.Tuple.tuple(6, "\"Email Address\""),
                        org.assertj.core.groups.Tuple.tuple(7, "QUALIFY"));
    }

    @Test
    void qualifyFiltersInAnOuterQuery() {
        assertThat(translate("""
                select user_id, email
                from rudder.identifies
                qualify row_number() over (partition by user_id order by received_at desc) = 1
                """)).isEqualTo("""
                (SELECT user_id, email FROM (SELECT identifies.user_id, identifies.email, (ROW_NUMBER() OVER (PARTITION BY identifies.user_id ORDER BY identifies.received_at DESC NULLS LAST)) = CAST(1 AS bigint) AS __sluice_qualify FROM rudder.identifies AS identifies) AS __sluice_qualified WHERE __sluice_qualify)""");
    }

    @Test
    void distinctOnIsPostgresqlsOwn() {
        // the key is the output column, which PostgreSQL sorts and compares collated as DuckDB does (by code point)
        assertThat(translate("""
                select distinct on (buyer) user_id as buyer, order_id, status
                from orders
                order by buyer, created_at desc
                """)).isEqualTo("""
                (SELECT DISTINCT ON (buyer) orders.user_id COLLATE "C" AS buyer, orders.order_id, orders.status FROM orders AS orders ORDER BY buyer NULLS LAST, orders.created_at DESC NULLS LAST)""");
    }

    @Test
    void distinctOnIsRefusedWhereWhichRowIsKeptIsNotCarriedOrPostgresqlWouldNotTakeIt() {
        assertThat(translator.translate("select distinct on (user_id) user_id, order_id from orders", catalog)
                .refusals()).extracting(TranslationRefusal::line, TranslationRefusal::construct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "DISTINCT ON without ORDER BY"));
        assertThat(translator.translate("select distinct on (user_id) user_id, order_id from orders order by created_at",
                catalog).refusals()).extracting(TranslationRefusal::construct)
                .containsExactly("DISTINCT ON whose ORDER BY does not start with its keys");
        assertThat(translator.translate("""
                select distinct on (user_id) user_id, order_id from orders
                qualify count(*) over (partition by user_id) > 1
                order by user_id, created_at""", catalog).refusals())
                .extracting(TranslationRefusal::construct).containsExactly("DISTINCT ON with QUALIFY");
    }

    @Test
    void anOrderedDistinctStringAggSortsItsValueAsTheValueIsWritten() {
        assertThat(translate("select string_agg(distinct status, ',' order by status desc) as statuses from orders"))
                .isEqualTo("""
                SELECT STRING_AGG(DISTINCT CAST(orders.status AS text) COLLATE "C", ',' ORDER BY CAST(orders.status AS text) COLLATE "C" DESC NULLS LAST) AS statuses
                FROM orders AS orders""");
        // PostgreSQL sorts a DISTINCT aggregate's values by its arguments only
        assertThat(translator.translate("""
                select user_id,
                       string_agg(distinct status, ',' order by created_at) as statuses
                from orders group by user_id""", catalog).refusals())
                .extracting(TranslationRefusal::line, TranslationRefusal::construct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2,
                        "string_agg(DISTINCT ...) ORDER BY another expression"));
    }

    @Test
    void generateSeriesIsATableOfLiteralsWithDuckDbsColumnAndTypes() {
        assertThat(translate("select generate_series as n from generate_series(1, 3)")).isEqualTo("""
                SELECT EXPR$0.generate_series AS n
                FROM GENERATE_SERIES(CAST(1 AS bigint), CAST(3 AS bigint)) AS EXPR$0 (generate_series)""");
        assertThat(translator.translate("""
                select g from generate_series(date '2024-01-31', date '2024-05-31', interval 1 month) as t(g)""",
                catalog).refusals()).extracting(TranslationRefusal::line, TranslationRefusal::construct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "GENERATE_SERIES(...)"));
    }

    @Test
    void datesAsText() {
        assertThat(translate("""
                select strftime(created_at, '%Y-%m') as month, last_day(created_at) as month_end,
                       make_date(2024, 12, 31) as year_end
                from orders""")).isEqualTo("""
                SELECT TO_CHAR(orders.created_at, 'YYYY-MM') AS month,
                    CAST(DATE_TRUNC('month', CAST(orders.created_at AS timestamp)) + INTERVAL '1' MONTH - INTERVAL '1' DAY AS date) AS month_end,
                    DATE '2024-12-31' AS year_end
                FROM orders AS orders""");
        assertThat(translator.translate("""
                select strftime(created_at, '%b %d') as a, strftime(cast(created_at as date), '%H') as b,
                       make_date(2023, 2, 29) as c
                from orders""", catalog).refusals()).extracting(TranslationRefusal::line, TranslationRefusal::construct)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "strftime(...)"),
                        org.assertj.core.groups.Tuple.tuple(1, "strftime(...)"),
                        org.assertj.core.groups.Tuple.tuple(2, "make_date(...)"));
    }

    @Test
    void theStandardPackagesConstructs() {
        assertThat(translate("""
                select user_id,
                       array_to_string(list_sort(list(email || ':' || user_id)), ', ') as known_ids,
                       max(current_timestamp) as uuid_ts,
                       bool_or(try_cast(json_extract_string(traits, '$.test_user') as boolean)) as test_user,
                       max(substring(email from position('@' in email) + 1)) as domain
                from rudder.identifies
                group by user_id
                """)).isEqualTo("""
                SELECT identifies.user_id,
                    STRING_AGG(identifies.email || ':' || identifies.user_id, ', ' ORDER BY (identifies.email || ':' || identifies.user_id) COLLATE "C") AS known_ids,
                    MAX(CURRENT_TIMESTAMP) AS uuid_ts,
                    BOOL_OR((CASE WHEN LOWER((CAST(identifies.traits AS jsonb) #>> '{"test_user"}')) IN ('true', 't', 'yes', 'y', '1') THEN TRUE WHEN LOWER((CAST(identifies.traits AS jsonb) #>> '{"test_user"}')) IN ('false', 'f', 'no', 'n', '0') THEN FALSE END)) AS test_user,
                    MAX((SUBSTRING(identifies.email, POSITION('@' IN identifies.email) + 1)) COLLATE "C") AS domain
                FROM rudder.identifies AS identifies
                GROUP BY identifies.user_id""");
    }

    @Test
    void tryCastOtherThanTextToBooleanIsRefused() {
        DialectTranslation translation = translator.translate("select try_cast(email as integer) as n from rudder.identifies",
                catalog);
        assertThat(translation.refusals()).extracting(TranslationRefusal::construct).containsExactly("try_cast(... as INTEGER)");
    }

    @Test
    void jsonReadOutOfJsonIsADocumentOnlyAsAnOutputColumn() {
        assertThat(translate("""
                select json_extract(traits, '$."consent"."ids"') as ids,
                       case when email is not null then json_extract(traits, '$.a[0]') end as first_a
                from rudder.identifies
                """)).isEqualTo("""
                SELECT (CAST(identifies.traits AS jsonb) #> '{"consent","ids"}') AS ids,
                        CASE WHEN identifies.email IS NOT NULL THEN (CAST(identifies.traits AS jsonb) #> '{"a","0"}') ELSE NULL END AS first_a
                FROM rudder.identifies AS identifies""");
        DialectTranslation asText = translator.translate(
                "select lower(cast(json_extract(traits, '$.a') as varchar)) as a from rudder.identifies", catalog);
        assertThat(asText.refusals()).extracting(TranslationRefusal::construct).containsExactly("JSON_EXTRACT(...)");
    }

    private String translate(String sql) {
        DialectTranslation translation = translator.translate(sql, catalog);
        assertThat(translation.refusals()).isEmpty();
        return translation.sql();
    }
}
