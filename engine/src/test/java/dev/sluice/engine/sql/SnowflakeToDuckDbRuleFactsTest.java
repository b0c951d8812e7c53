package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DuckDB side of each Snowflake-to-DuckDB rule ({@code dev.sluice.engine.sql.duckdb}): each row is the DuckDB
 * SQL a rule writes and the value Snowflake's documentation gives the Snowflake construct it translates (in the
 * comment). A DuckDB release that changes one fails here, before a translation silently means something else.
 */
class SnowflakeToDuckDbRuleFactsTest {
    private static DuckDbOracle duckDb;

    @BeforeAll
    static void startDuckDb() throws SQLException {
        duckDb = DuckDbOracle.open(new SqlCatalog("main"));
        duckDb.execute("set TimeZone = 'UTC'");
    }

    @AfterAll
    static void stopDuckDb() throws SQLException {
        duckDb.close();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " ==> ", nullValues = "NULL", value = {
        // v:a::string: a string without quotes; SQL NULL for a missing key and for a JSON null (Snowflake: casting a
        // JSON null to text gives NULL); v:a[1] counts from 0
        "json_extract_string('{\"a\":\"x\"}'::json, '$.a') ==> x",
        "json_extract_string('{\"a\":null}'::json, '$.a') ==> NULL",
        "json_extract_string('{\"a\":1}'::json, '$.b') ==> NULL",
        "json_extract_string('{\"a\":[\"p\",\"q\"]}'::json, '$.a[1]') ==> q",
        "json_extract_string('{\"a\":true}'::json, '$.a') ==> true",
        // v:a is a VARIANT: a JSON null is a value (IS NOT NULL), a missing key SQL NULL
        "json_extract('{\"a\":null}'::json, '$.a') IS NOT NULL ==> true",
        "json_extract('{\"a\":1}'::json, '$.b') IS NULL ==> true",
        // IFF(NULL, a, b) is b
        "CASE WHEN NULL THEN 1 ELSE 2 END ==> 2",
        // TRY_TO_NUMBER rounds half away from zero to its scale (38, 0 by default), NULL for text that is no number
        "TRY_CAST('11.5' AS DECIMAL(38, 0)) ==> 12",
        "TRY_CAST('-11.5' AS DECIMAL(38, 0)) ==> -12",
        "TRY_CAST('345.125' AS DECIMAL(10, 2)) ==> 345.13",
        "TRY_CAST('abc' AS DECIMAL(38, 0)) ==> NULL",
        "TRY_CAST('' AS DECIMAL(38, 0)) ==> NULL",
        // ::number of a NUMBER rounds half away from zero
        "CAST(2.5 AS DECIMAL(38, 0)) ==> 3",
        "CAST(-2.5 AS DECIMAL(38, 0)) ==> -3",
        // DATEADD(month, ...) keeps the day, clamped to the month's last; a DATE stays a DATE
        "CAST((DATE '2024-01-31' + 1 * INTERVAL '1' MONTH) AS DATE) ==> 2024-02-29",
        "(TIMESTAMP '2024-03-31 10:00:00' + -1 * INTERVAL '1' MONTH) ==> 2024-02-29 10:00:00.0",
        "CAST((DATE '2024-03-01' + 1 * INTERVAL '3' MONTH) AS DATE) ==> 2024-06-01",
        // DATEDIFF counts the unit's boundaries crossed between the two values
        "date_diff('hour', TIMESTAMP '2024-01-01 09:59:00', TIMESTAMP '2024-01-01 10:01:00') ==> 1",
        "date_diff('day', TIMESTAMP '2024-01-01 23:59:00', TIMESTAMP '2024-01-02 00:01:00') ==> 1",
        "date_diff('month', DATE '2024-01-31', DATE '2024-02-01') ==> 1",
        "date_diff('year', DATE '2024-12-31', DATE '2025-01-01') ==> 1",
        "date_diff('minute', TIMESTAMP '2024-01-01 10:00:59', TIMESTAMP '2024-01-01 10:01:00') ==> 1",
        "date_diff('day', DATE '2024-01-02', TIMESTAMP '2024-01-01 23:00:00') ==> -1",
        // DATEDIFF(week, ...) counts the Mondays crossed (WEEK_START=1, which the Snowflake connector sets): Sunday
        // to Monday is a week, Monday to Sunday none; DuckDB's date_diff('week') counts whole periods of 7 days
        "(date_diff('day', date_trunc('week', DATE '2024-03-03'), date_trunc('week', DATE '2024-03-04')) // 7) ==> 1",
        "(date_diff('day', date_trunc('week', DATE '2024-03-04'), date_trunc('week', DATE '2024-03-10')) // 7) ==> 0",
        "(date_diff('day', date_trunc('week', TIMESTAMP '2024-03-11 00:00:00'), date_trunc('week', DATE '2024-03-03')) // 7) ==> -2",
        "date_diff('week', DATE '2024-03-03', DATE '2024-03-04') ==> 0",
        // DATE_TRUNC keeps the type (DuckDB makes a TIMESTAMP of a DATE: the rule casts back); weeks start on Monday
        // (WEEK_START=1)
        "CAST(date_trunc('week', DATE '2024-03-03') AS DATE) ==> 2024-02-26",
        "date_trunc('month', TIMESTAMP '2024-03-03 10:00:00') ==> 2024-03-01 00:00:00.0",
        // YEAR, QUARTER; DAYOFWEEK counts Monday 1 to Sunday 7 under WEEK_START=1, as isodow (DuckDB's dayofweek
        // gives Sunday 0)
        "isodow(DATE '2024-03-03') ==> 7",
        "isodow(DATE '2024-03-04') ==> 1",
        "dayofweek(DATE '2024-03-03') ==> 0",
        // CURRENT_DATE is the date in the session's time zone, UTC (as Sluice's DuckDB connection sets it)
        "(current_date = CAST(timezone('UTC', now()) AS DATE)) ==> true",
        // DATE_PART: whole seconds; DAYOFYEAR; WEEKISO and YEAROFWEEKISO are ISO's week and year
        "date_part('second', TIMESTAMP '2024-01-01 10:00:05.7') ==> 5",
        "date_part('doy', DATE '2024-03-03') ==> 63",
        "date_part('week', DATE '2024-12-30') ==> 1",
        "date_part('isoyear', DATE '2024-12-30') ==> 2025",
        "quarter(DATE '2024-05-03') ==> 2",
        // LISTAGG gives '' for no value and skips NULLs; DuckDB's string_agg gives NULL
        "(SELECT COALESCE(string_agg(x, ',' ORDER BY x NULLS LAST), '') FROM (VALUES (NULL::varchar)) t(x)) ==> ''",
        "(SELECT COALESCE(string_agg(x, ',' ORDER BY k DESC NULLS FIRST), '') FROM (VALUES ('a', 1), ('b', NULL), (NULL, 3)) t(x, k)) ==> b,a",
        // ARRAY_AGG skips NULLs and gives an empty ARRAY for no value (DuckDB's array_agg keeps NULLs, NULL for none)
        "(SELECT COALESCE(to_json(array_agg(x ORDER BY k NULLS LAST) FILTER (WHERE x IS NOT NULL)), CAST('[]' AS JSON)) FROM (VALUES ('b', 2), (NULL, 1), ('a', 3)) t(x, k)) ==> '[\"b\",\"a\"]'",
        "(SELECT COALESCE(to_json(array_agg(x ORDER BY k NULLS LAST) FILTER (WHERE x IS NOT NULL)), CAST('[]' AS JSON)) FROM (VALUES (NULL::varchar, 1)) t(x, k)) ==> []",
        "(SELECT to_json(array_agg(x ORDER BY k)) FROM (VALUES ('b', 2), (NULL, 1)) t(x, k)) ==> '[null,\"b\"]'",
        "to_json([1::DECIMAL(38, 0), -2]) ==> '[1,-2]'",
        "to_json(['a\"b', chr(10), chr(233)]) ==> '[\"a\\\"b\",\"\\n\",\"é\"]'",
        // REGEXP_SUBSTR is NULL where nothing matches: DuckDB's regexp_extract gives '', so the rule tests the match
        "regexp_extract('https://x.example/p', 'utm_source=([^&]+)', 1) ==> ''",
        "(CASE WHEN regexp_matches('a?utm_source=g&b', 'utm_source=([^&]+)') THEN regexp_extract('a?utm_source=g&b', 'utm_source=([^&]+)', 1) END) ==> g",
        "(CASE WHEN regexp_matches('https://x.example/p', 'utm_source=([^&]+)') THEN 'x' END) ==> NULL",
        "(CASE WHEN regexp_matches(NULL, 'p') THEN 'x' END) ==> NULL",
        "regexp_extract('https://shop.example/p12?x', 'p[0-9]+', 0) ==> p12",
        // ROLLUP adds the total with NULL for the rolled-up column; GROUPING is 1 there (a bit per argument)
        "(SELECT string_agg(coalesce(k, 'all') || '=' || n || '/' || g, ',' ORDER BY g, k) FROM (SELECT k, count(*) AS n, grouping(k) AS g FROM (VALUES ('a'), ('a'), ('b')) t(k) GROUP BY ROLLUP (k))) ==> 'a=2/0,b=1/0,all=3/1'",
        "(SELECT string_agg(CAST(g AS VARCHAR), ',' ORDER BY g) FROM (SELECT grouping(k, j) AS g FROM (VALUES ('a', 1)) t(k, j) GROUP BY CUBE (k, j))) ==> '0,1,2,3'",
        // Snowflake sorts NULLs last ascending and first descending; DuckDB's own default is last in both
        "(SELECT string_agg(CAST(x AS VARCHAR), ',' ORDER BY x DESC) FROM (VALUES (1), (NULL), (2)) t(x)) ==> '2,1'",
        "(SELECT first(x ORDER BY x DESC NULLS FIRST) IS NULL FROM (VALUES (1), (NULL), (2)) t(x)) ==> true",
        // CONCAT and || are NULL when a part is NULL; GREATEST and LEAST too (DuckDB's skip NULLs: the rule checks)
        "('a' || NULL) ==> NULL",
        "greatest(1, NULL) ==> 1",
        "(CASE WHEN 1 IS NULL OR NULL IS NULL THEN NULL ELSE greatest(1, NULL) END) ==> NULL",
        // TRIM(x) strips spaces only
        "length(trim(' ' || chr(160) || 'a' || chr(9) || ' ', ' ')) ==> 3",
        // ARRAY_SIZE is NULL for a value that is no array (json_array_length gives 0)
        "json_array_length('{\"a\":1}'::json) ==> 0",
        "(CASE WHEN json_type('{\"a\":1}'::json) = 'ARRAY' THEN CAST(json_array_length('{\"a\":1}'::json) AS BIGINT) END) ==> NULL",
        "(CASE WHEN json_type('[1,2,3]'::json) = 'ARRAY' THEN CAST(json_array_length('[1,2,3]'::json) AS BIGINT) END) ==> 3",
        // LEFT and RIGHT of a negative length (refused): Snowflake gives '', DuckDB all but that many characters; of 0
        // '' in both
        "left('abc', -1) ==> ab",
        "right('abc', 0) ==> ''",
        // a product of NUMBERs (refused past 12 digits): DuckDB keeps the scale s1 + s2, Snowflake max(s1, s2, 12)
        "0.1234567::DECIMAL(10, 7) * 0.1234567::DECIMAL(10, 7) ==> 0.01524155677489",
        "typeof(19.99::DECIMAL(12, 2) * 0.19) ==> 'DECIMAL(15,4)'",
        // SPLIT_PART past the last part is ''
        "split_part('a,b', ',', 5) ==> ''",
        // TO_VARCHAR of a NUMBER keeps its scale; of a DATE the ISO date
        "CAST(19.90::DECIMAL(12, 2) AS VARCHAR) ==> 19.90",
        "CAST(DATE '2024-03-01' AS VARCHAR) ==> 2024-03-01",
        // FLATTEN: one row per element (INDEX from 0) or field (KEY), none for a scalar, a JSON null or NULL
        "(SELECT string_agg(CAST(key AS BIGINT) || '=' || value, ';' ORDER BY id) FROM json_each('[10,\"a\"]'::json)) ==> '0=10;1=\"a\"'",
        "(SELECT string_agg(key || '=' || value, ';' ORDER BY id) FROM json_each('{\"a\":1,\"b\":[2]}'::json)) ==> 'a=1;b=[2]'",
        "(SELECT count(*) FROM json_each('5'::json) WHERE json_type('5'::json) IN ('ARRAY', 'OBJECT')) ==> 0",
        "(SELECT count(*) FROM json_each(NULL::json)) ==> 0"})
    void duckDbComputes(String expression, String expected) throws SQLException {
        List<List<String>> rows = duckDb.rows("select " + expression);

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.get(0)).isEqualTo(expected));
    }
}
