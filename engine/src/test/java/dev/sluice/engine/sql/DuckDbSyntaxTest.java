package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each DuckDB construct Sluice's grammar adds to Calcite's, and each DuckDB function Sluice's operator
 * table adds, parses, validates, and gives the output columns DuckDB itself gives the same query: the
 * same names and the same types.
 */
class DuckDbSyntaxTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd();
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    @RegisterExtension
    static final DuckDbOracle duckDb = DuckDbOracle.perClass(CATALOG);

    static Stream<Arguments> constructs() {
        return Stream.of(
                construct("->> JSON text", "select properties->>'plan' as plan from rudder.tracks"),
                construct("->> inside a function", "select coalesce(properties->>'$.plan', 'free') as plan from rudder.tracks"),
                construct("-> JSON", "select properties->'$.items' as items from rudder.tracks"),
                construct("-> compared", "select id from rudder.tracks where properties->>'plan' = 'pro'"),
                construct("GROUP BY ALL", "select status, count(*) as orders from orders group by all"),
                construct("GROUP BY ALL with expressions",
                        "select status, date_trunc('day', created_at) as day, sum(amount) as revenue from orders group by all"),
                construct("date_diff with a string unit",
                        "select date_diff('day', o.created_at, current_date) as age from orders o"),
                construct("datediff with a string unit", "select datediff('hour', created_at, created_at) as d from orders"),
                construct("INTERVAL with the unit in the string",
                        "select order_id from orders where created_at > current_timestamp - interval '30 minutes'"),
                construct("INTERVAL of days and hours",
                        "select created_at + interval '1 day 2 hours' as due_at from orders"),
                construct("select-list UNNEST", "select order_id, unnest(tags) as tag from orders"),
                construct("LISTAGG with ORDER BY", "select listagg(status, ',' order by created_at) as statuses from orders"),
                construct("AT TIME ZONE", "select created_at at time zone 'UTC' as created_utc from orders"),
                construct("list literal", "select [1, 2, 3] as numbers"),
                construct("list literal of strings", "select ['a', 'b'] as letters"),
                construct("list indexing", "select tags[1] as first_tag from orders"),
                construct("struct literal", "select {'user_id': 'u1', 'orders': 3} as u"),
                construct("DISTINCT ON",
                        "select distinct on (user_id) user_id, amount from orders order by user_id, created_at desc"),
                construct("integer division", "select item_count // 2 as pairs from orders"),
                construct("integer division of BIGINT", "select order_id // 10 as bucket from orders"));
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                function("median of decimals and integers", "select median(amount) as a, median(item_count) as b from orders"),
                function("mode, arg_max, arg_min", "select mode(status) as a, arg_max(status, amount) as b, arg_min(order_id, created_at) as c from orders"),
                function("approx_count_distinct", "select approx_count_distinct(user_id) as users from orders"),
                function("list aggregate", "select user_id, list(status) as statuses from orders group by user_id"),
                function("dayname, monthname, dayofweek", "select dayname(created_at) as a, monthname(created_at) as b, dayofweek(created_at) as c from orders"),
                function("now, today, last_day", "select now() as a, today() as b, last_day(created_at) as c from orders"),
                function("make_date, age, time_bucket", "select make_date(2024, 1, 2) as a, age(created_at) as b, time_bucket(interval '1 hour', created_at) as c from orders"),
                function("to_timestamp, epoch", "select to_timestamp(1700000000) as a, epoch(created_at) as b from orders"),
                function("list functions", "select len(tags) as a, list_distinct(tags) as b, array_to_string(tags, ',') as c, list_sort(tags) as d, list_has_any(tags, ['x']) as e from orders"),
                function("string functions", "select starts_with(status, 'p') as a, contains(status, 'x') as b, strlen(status) as c, levenshtein(status, 'paid') as d from orders"),
                function("regular expressions", "select regexp_full_match(status, 'p.*') as a, regexp_extract_all(status, '[a-z]') as b, regexp_matches(status, 'p') as c from orders"),
                function("JSON functions", "select json_extract_string(properties, '$.plan') as a, json_type(properties) as b, json_valid(properties) as c from rudder.tracks"),
                function("TIMESTAMP - TIMESTAMP and DATE - DATE", "select max(created_at) - min(created_at) as span, "
                        + "cast(max(created_at) as date) - cast(min(created_at) as date) as days from orders"),
                function("/ is floating-point division", "select amount / item_count as unit_price, item_count / 2 as half from orders"),
                function("DATE + INTEGER", "select current_date + 7 as next_week, current_date - 1 as yesterday"),
                function("DATE + INTEGER from a column", "select cast(created_at as date) + item_count as due from orders"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void typesFunctionsAsDuckDbDoes(String function, String sql) throws SQLException {
        validatesWithDuckDbsColumns(function, sql);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void validatesWithDuckDbsColumns(String construct, String sql) throws SQLException {
        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(sql), CATALOG);

        assertThat(validated.columns())
                .extracting(column -> new DuckDbOracle.Column(column.name().toLowerCase(Locale.ROOT), column.type()))
                .containsExactlyElementsOf(lowerCaseNames(duckDb.describe(sql)));
    }

    private static List<DuckDbOracle.Column> lowerCaseNames(List<DuckDbOracle.Column> columns) {
        return columns.stream().map(c -> new DuckDbOracle.Column(c.name().toLowerCase(Locale.ROOT), c.type())).toList();
    }

    private static Arguments construct(String name, String sql) {
        return Arguments.of(name, sql);
    }

    private static Arguments function(String name, String sql) {
        return Arguments.of(name, sql);
    }
}
