package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What DuckDB computes where the rules of {@link SnowflakeFunctions} argue it matches Snowflake: each
 * row is a DuckDB expression and its value, as the rule's comment states it. A DuckDB release that
 * changes one fails here, before a translation silently means something else.
 */
class SnowflakeRuleFactsTest {
    @RegisterExtension
    static final DuckDbOracle duckDb = DuckDbOracle.perClass(new SqlCatalog("main"));

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " ==> ", nullValues = "NULL", value = {
        // arg_max skips rows whose value or key is NULL (Snowflake's MAX_BY only NULL keys: the value is checked)
        "(select arg_max(a, v) from (values ('x', 1), (null, 2), ('y', null)) t(a, v)) ==> x",
        "(select arg_min(a, v) from (values ('x', 2), (null, 1)) t(a, v)) ==> x",
        // bool_or/bool_and skip NULLs; all NULL gives NULL
        "(select bool_or(b) from (values (null::boolean), (true)) t(b)) ==> true",
        "(select bool_and(b) from (values (null::boolean)) t(b)) ==> NULL",
        // trim strips Unicode's space separators (Zs), not other white space
        "length(trim(chr(160) || chr(12288) || chr(8202) || 'a' || chr(5760))) ==> 1",
        "length(trim(chr(9) || 'a' || chr(8203))) ==> 3",
        "length(ltrim(chr(8239) || 'a')) ==> 1",
        // date_diff counts boundaries, except week: 7-day spans (why week is refused)
        "date_diff('day', timestamp '2024-01-01 23:59', timestamp '2024-01-02 00:01') ==> 1",
        "date_diff('month', date '2024-01-31', date '2024-02-01') ==> 1",
        "date_diff('week', date '2024-01-07', date '2024-01-08') ==> 0",
        // dow counts from Sunday = 0; week is ISO's
        "date_part('dow', date '2024-01-07') ==> 0",
        "extract(week from date '2024-12-30') ==> 1",
        "date_trunc('week', date '2024-01-07') ==> 2024-01-01 00:00:00.0",
        // greatest/least skip NULLs; concat skips NULLs; concat_ws skips NULLs and their separators
        "greatest(1, null, 3) ==> 3",
        "least(null::int, null::int) ==> NULL",
        "concat('a', null, 'b') ==> ab",
        "concat_ws('-', 'a', null, 'b') ==> a-b",
        "concat_ws('-', null, null) ==> ''",
        // split_part: negative counts from the end, 0 and an empty separator differ from Snowflake (refused)
        "split_part('a@b@c', '@', -1) ==> c",
        "split_part('a@b', '@', 0) ==> ''",
        // substr: start 0 differs from Snowflake (refused), a negative start counts from the end
        "substr('abcdef', -2, 1) ==> e",
        "substr('abcdef', 0, 2) ==> a",
        "lpad('abc', 2, 'x') ==> ab",
        // round: half away from zero
        "round(2.5) ==> 3",
        "round(-2.5) ==> -3",
        "round(1250.00::decimal(12,2), -2) ==> 1300",
        // a DOUBLE to n digits is round(x * 10^n) / 10^n in double arithmetic (x / 10^-n for n < 0), which the rule
        // writes out: 2.675 is 2.67499... but 2.675 * 100 is the double 267.5; 1.005 * 100 stays below 100.5
        "round(2.675::double, 2) ==> 2.68",
        "(round(2.675::double * 100::double) / 100::double) ==> 2.68",
        "round(1.005::double, 2) ==> 1.0",
        "(round(1.005::double * 100::double) / 100::double) ==> 1.0",
        "round(-2.675::double, 2) ==> -2.68",
        "round(1250.0::double, -2) ==> 1300.0",
        "(round(1250.0::double / 100::double) * 100::double) ==> 1300.0",
        "round(0.49999999999999994::double) ==> 0.0",
        // ifnull is coalesce of two
        "ifnull(null, 'a') ==> a",
        "ifnull('b', 'a') ==> b",
        // trunc truncates toward zero (as Snowflake's TRUNC), to DuckDB's scale
        "trunc(-2.57::decimal(12,2), 1) ==> -2.5",
        "trunc(-2.5::decimal(12,2)) ==> -2",
        "trunc(1259.00::decimal(12,2), -1) ==> 1250",
        "trunc(-2.7::double) ==> -2.0",
        // sign is -1, 0 or 1
        "sign(-3.5::decimal(5,2)) ==> -1",
        "sign(0::bigint) ==> 0",
        // year(d), week(d), ... are date_part's fields; week is ISO's, isodow counts Monday 1 .. Sunday 7
        "year(timestamp '2024-12-30 10:00') ==> 2024",
        "week(date '2024-12-30') ==> 1",
        "isodow(date '2024-01-07') ==> 7",
        "dayofyear(date '2024-02-01') ==> 32",
        "quarter(date '2024-05-01') ==> 2",
        "hour(timestamp '2024-01-01 13:45') ==> 13",
        // strpos and instr are position's 1-based index, 0 when absent
        "strpos('a.b.c', '.') ==> 2",
        "instr('abc', 'z') ==> 0",
        // epoch_ms rounds the microseconds half away from zero, also before 1970
        "epoch_ms(timestamp '1969-12-31 23:59:59.9995') ==> -1",
        "epoch_ms(timestamp '1969-12-31 23:59:59.9996') ==> 0",
        "epoch_ms(timestamp '1970-01-01 00:00:01.2345') ==> 1235",
        "epoch_ms(timestamp '1970-01-01 00:00:01.2344') ==> 1234",
        // a list's length counts its NULLs, 0 for [], NULL for NULL (ARRAY_SIZE); l[i] counts from 1, NULL past the end
        "len(['a', null]) ==> 2",
        "len([]::varchar[]) ==> 0",
        "len(null::varchar[]) ==> NULL",
        "cardinality(['a', null]) ==> 2",
        "array_length(['a']) ==> 1",
        "['a', 'b'][1] ==> a",
        "['a', 'b'][3] ==> NULL",
        // list_contains is false beside NULL elements, NULL for a NULL list
        "list_contains(['a', null], 'b') ==> false",
        "list_contains(['a', null], 'a') ==> true",
        "list_contains(null::varchar[], 'a') ==> NULL",
        // array_agg keeps NULLs (Snowflake's ARRAY_AGG drops them: refused for nullable values), NULL for no row
        "(select array_agg(x) from (values (1), (null)) t(x)) ==> [1, NULL]",
        "(select array_agg(x) from (select 1 as x where false)) ==> NULL",
        "(select array_agg(x order by x desc) from (values (1), (2)) t(x)) ==> [2, 1]",
        // UNION BY NAME: the left's columns, then the right's the left lacks (names ignoring case), NULL where a side
        // lacks one; UNION BY NAME removes duplicates over the whole filled row (NULLs equal)
        "(select string_agg(column_name, ',') from (describe select 1 as a, 2 as b union all by name"
                + " select 3 as B, 4 as c)) ==> a,b,c",
        "(select string_agg(coalesce(a::varchar, '-') || coalesce(b::varchar, '-') || coalesce(c::varchar, '-'), ','"
                + " order by b) from (select 1 as a, 2 as b union all by name select 3 as B, 4 as c)) ==> 12-,-34",
        "(select count(*) from (select 1 as a, null as b union by name select null as b, 1 as a)) ==> 1",
        // generate_series includes the stop, range stops before it; one argument is the stop from 0; a step away from
        // the stop gives no row; dates and timestamps with an interval give TIMESTAMPs
        "(select count(*) from generate_series(1, 5)) ==> 5",
        "(select count(*) from range(1, 5)) ==> 4",
        "(select count(*) from generate_series(5, 1)) ==> 0",
        "(select string_agg(x::varchar, ',' order by x) from range(5) t(x)) ==> 0,1,2,3,4",
        "(select string_agg(x::varchar, ',' order by x) from generate_series(10, 1, -4) t(x)) ==> 2,6,10",
        "(select count(*) from generate_series(date '2024-03-01', date '2024-03-07', interval 1 day)) ==> 7",
        "(select typeof(min(generate_series)) from generate_series(date '2024-03-01', date '2024-03-07', interval 1 day))"
                + " ==> TIMESTAMP",
        "(select max(x) from range(timestamp '2024-03-01', timestamp '2024-03-02', interval 6 hour) t(x))"
                + " ==> 2024-03-01 18:00:00.0",
        // isoyear is the ISO week-numbering year
        "isoyear(date '2024-12-30') ==> 2025",
        "isoyear(date '2021-01-01') ==> 2020",
        // list_has_any: false beside NULL elements (also a NULL looked for), NULL for a NULL list
        "list_has_any(['a', null], ['b']) ==> false",
        "list_has_any(['a'], ['b', 'a']) ==> true",
        "list_has_any(['a', null], [null, 'x']) ==> false",
        "list_has_any(null::varchar[], ['a']) ==> NULL",
        // json_array_length of what json_extract read: 0 for a JSON null, an object or a scalar, NULL for no key
        "json_array_length(json_extract('{\"a\": [1, 2]}', '$.a')) ==> 2",
        "json_array_length(json_extract('{\"a\": null}', '$.a')) ==> 0",
        "json_array_length(json_extract('{\"a\": {\"b\": 1}}', '$.a')) ==> 0",
        "json_array_length(json_extract('{\"a\": \"x\"}', '$.a')) ==> 0",
        "json_array_length(json_extract('{}', '$.a')) ==> NULL",
        // epoch keeps the microseconds
        "epoch(timestamp '1970-01-01 00:00:01.5') ==> 1.5",
        "md5('a') ==> 0cc175b9c0f1b6a831c399e269772661",
        // a quoted simple key is the key; keys match by case; array indexes count from 0
        "json_extract_string('{\"email\": \"a@b\"}', '$.\"email\"') ==> a@b",
        "json_extract_string('{\"Email\": \"a@b\"}', '$.email') ==> NULL",
        "json_extract_string('[{\"type\": \"x\"}]', '$[0].type') ==> x",
        // array_to_string skips the NULLs list keeps; NULL when there are only NULLs
        "(select array_to_string(list_sort(list(x)), ',') from (values ('b'), (null), ('a')) t(x)) ==> a,b",
        "(select array_to_string(list_sort(list(x)), ',') from (values (null::varchar)) t(x)) ==> NULL",
        // regexp_extract gives '' where nothing matches (also an optional group left out), NULL for NULL text
        "regexp_extract('a=1', 'b=([0-9]+)', 1) ==> ''",
        "regexp_extract(null, 'b=([0-9]+)', 1) ==> NULL",
        "regexp_extract('https://x.example/p?q', 'https?://[^/]+(/[^?]*)', 1) ==> /p",
        // regexp_replace replaces the first match, all with 'g'; regexp_matches is not anchored
        "regexp_replace('a-b-c', '-', '+') ==> a+b-c",
        "regexp_replace('a-b-c', '-', '+', 'g') ==> a+b+c",
        "regexp_matches('xay', 'a') ==> true",
        // . does not match a newline; \\d and \\w are ASCII only
        "regexp_matches(chr(10), '.') ==> false",
        "regexp_matches(chr(233) || chr(1635), '\\w|\\d') ==> false",
        "regexp_matches('_', '\\w') ==> true",
        // dayname and monthname in full English (Snowflake's DAYNAME and MONTHNAME give three letters); dayofweek is dow
        "dayname(date '2024-01-07') ==> Sunday",
        "monthname(timestamp '2024-09-01 10:00') ==> September",
        "dayofweek(date '2024-01-07') ==> 0",
        "last_day(timestamp '2024-02-10 23:59') ==> 2024-02-29",
        // a backslash is plain text in a LIKE pattern without ESCAPE (Snowflake's escapes: refused)
        "('a\\xb' like 'a\\_b') ==> true",
        "('a_b' like 'a\\_b') ==> false",
        // a product of decimals keeps the scale s1 + s2 (Snowflake: max(s1, s2, 12), so refused past 12 digits)
        "0.1234567::decimal(10, 7) * 0.1234567::decimal(10, 7) ==> 0.01524155677489",
        // median and quantile_cont interpolate at f * (n - 1) and skip NULLs; decimals keep their scale (refused)
        "(select median(x) from (values (1), (2), (4), (null)) t(x)) ==> 2.0",
        "(select median(x) from (values (1), (2), (4), (7)) t(x)) ==> 3.0",
        "(select quantile_cont(x, 0.9) from (values (1.0::double), (2.0::double)) t(x)) ==> 1.9",
        "(select median(x) from (values (1.25::decimal(12,2)), (2.00::decimal(12,2))) t(x)) ==> 1.62",
        // percent_rank is (rank - 1) / (rows - 1); cume_dist counts the current row's peers
        "(select max(p) from (select percent_rank() over (order by x) as p from (values (1), (2), (2)) t(x))) ==> 0.5",
        "(select min(c) from (select cume_dist() over (order by x) as c from (values (1), (2), (2)) t(x))) ==> 0.3333333333333333",
        // json_extract is NULL for a missing key only: a JSON null is a value
        "json_extract('{\"a\": null}', '$.a') is null ==> false",
        "json_extract('{\"a\": 1}', '$.b') is null ==> true",
        "('{\"a\": [1]}'::json -> 'a') is not null ==> true",
        // strftime pads fields to two digits; time_bucket's buckets of a day or less start at midnight
        "strftime(timestamp '2024-03-05 07:08:09', '%Y-%m-%d %H:%M:%S') ==> 2024-03-05 07:08:09",
        "strftime(date '0999-01-02', '%Y/%m') ==> 0999/01",
        "time_bucket(interval '1 day', timestamp '2024-03-05 23:59') ==> 2024-03-05 00:00:00.0",
        "time_bucket(interval '15 minutes', timestamp '2024-03-05 10:14:59') ==> 2024-03-05 10:00:00.0",
        "time_bucket(interval '6 hours', timestamp '2024-03-05 05:59') ==> 2024-03-05 00:00:00.0",
        "time_bucket(interval '7 days', timestamp '2024-03-05 10:00') ==> 2024-03-04 00:00:00.0",
        // // truncates toward zero for integers; of a decimal it is a DOUBLE division (refused)
        "-7 // 2 ==> -3",
        "(7::bigint) // 2 ==> 3",
        "(-7.5)::decimal(12,2) // 2 ==> -3.75",
        "1.00::decimal(12,2) // 3 ==> 0.3333333333333333",
        "0.1::decimal(12,2) // 0.3 ==> 0.33333333333333337",
        "1.5::double // 1 ==> 1.5",
        // % keeps the dividend's sign (truncated division), for integers and decimals
        "(-7) % 2 ==> -1",
        "(-7.5)::decimal(3,1) % 2 ==> -1.5",
        // PIVOT aggregates each group's rows of each value: a count of none is 0, a sum of none NULL, and rows of
        // values in no IN entry still make their group (the filtered aggregates give the same)
        "(select list(paid_n order by user_id) from (pivot (select * from (values ('u1', 'paid'), ('u2', 'refunded'),"
                + " ('u3', null)) t(user_id, status)) on status in ('paid') using count(*) as n group by user_id)) ==> [1, 0, 0]",
        "(select list(paid_s order by user_id) from (pivot (select * from (values ('u1', 'paid', 2), ('u1', 'paid', null),"
                + " ('u2', 'refunded', 3)) t(user_id, status, a)) on status in ('paid') using sum(a) as s group by user_id))"
                + " ==> [2, NULL]",
        // without GROUP BY, PIVOT groups by every column neither ON nor USING names (here k and c)
        "(select count(*) from (pivot (select * from (values (1, 'x', 'paid', 2), (1, 'y', 'paid', 3)) t(k, c, status, a))"
                + " on status in ('paid') using max(a))) ==> 2",
        // mode ignores NULLs, even when they are the most frequent
        "(select mode(x) from (values ('a'), ('b'), ('b'), (null), (null), (null)) t(x)) ==> b",
        // a TIMESTAMPTZ at time zone 'UTC' is its UTC wall-clock time, a TIMESTAMP
        "timestamptz '2024-03-05 10:00:00+02' at time zone 'UTC' ==> 2024-03-05 08:00:00.0",
        // DISTINCT ON keeps the first row of each group as the ORDER BY sorts them, NULLs last in both directions
        "(select v from (select distinct on (k) k, v from (values (1, null, 'null'), (1, 1, 'one'), (1, 2, 'two'))"
                + " t(k, o, v) order by k, o desc)) ==> two",
        "(select v from (select distinct on (k) k, v from (values (1, null, 'null'), (1, 2, 'two'), (1, 1, 'one'))"
                + " t(k, o, v) order by k, o)) ==> one",
        // ... the QUALIFY it is translated to keeps the same row
        "(select v from (select k, v from (values (1, null, 'null'), (1, 1, 'one'), (1, 2, 'two')) t(k, o, v)"
                + " qualify row_number() over (partition by k order by k nulls last, o desc nulls last) = 1)) ==> two",
        // ... an ORDER BY name is the output column's alias before a column of the FROM clause, an ordinal the
        // output column
        "(select v from (select distinct on (k) k, o2 as o, v from (values (1, 1, 2, 'a'), (1, 2, 1, 'b'))"
                + " t(k, o, o2, v) order by k, o)) ==> b",
        "(select v from (select distinct on (k) k, o2, v from (values (1, 1, 2, 'a'), (1, 2, 1, 'b'))"
                + " t(k, o, o2, v) order by 1, 2 desc)) ==> a",
        // ... and NULL keys are one group
        "(select count(*) from (select distinct on (k) k from (values (null), (null), (1)) t(k) order by k)) ==> 2",
        // without ORDER BY every row of the window is a peer: rank and dense_rank 1, percent_rank 0, cume_dist 1
        "(select string_agg(distinct r || '/' || d || '/' || p || '/' || c, ',') from (select rank() over () as r,"
                + " dense_rank() over (partition by x % 2) as d, percent_rank() over () as p,"
                + " cume_dist() over (partition by x % 2) as c from range(5) t(x))) ==> 1/1/0.0/1.0"})
    void duckDbComputes(String expression, String expected) throws SQLException {
        List<List<String>> rows = duckDb.rows("select " + expression);

        assertThat(rows).singleElement().satisfies(row -> assertThat(row.get(0)).isEqualTo(expected));
    }
}
