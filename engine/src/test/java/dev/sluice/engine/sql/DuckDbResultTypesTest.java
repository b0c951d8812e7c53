package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DuckDB's table functions, list-returning series, ORDER BY ALL and the functions whose result type DuckDB and Calcite
 * give differently: each query validates with the column names and types DuckDB's own DESCRIBE gives it.
 */
class DuckDbResultTypesTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd();
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    @RegisterExtension
    static final DuckDbOracle duckDb = DuckDbOracle.perClass(CATALOG);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // JSON table functions, in plain FROM, LATERAL, implicitly lateral, with and without a path
        "select * from json_each('{\"a\": 1}')",
        "select * from json_each('{\"a\": {\"b\": [1]}}', '$.a')",
        "select * from json_tree('{\"a\": 1}')",
        "select * from json_tree('{\"a\": {\"b\": [1]}}', '$.a')",
        "select t.id, e.key, e.value, e.type, e.atom, e.parent, e.fullkey, e.path from rudder.tracks t, json_each(t.properties) e",
        "select t.id, e.key, e.value from rudder.tracks t, json_each(t.properties, '$.items') as e",
        "select t.id, e.fullkey from rudder.tracks t cross join json_tree(t.properties) e",
        "select key, count(*) as n from rudder.tracks, json_each(properties) group by key",
        "select t.id as track_id, f.* from rudder.tracks t, lateral (select * from json_each(json_extract(t.properties, '$.items'))) f",
        "select t.id, f.\"VALUE\" from rudder.tracks t, lateral (select e.\"value\" as \"VALUE\" from json_each(t.properties) as e"
                + " where json_type(t.properties) in ('ARRAY', 'OBJECT')) as f",
        "select json_type(properties, '$.items') as t from rudder.tracks",
        // series: tables in FROM, lists elsewhere
        "select generate_series(1, 3) as s",
        "select generate_series(3) as s",
        "select generate_series(1, 10, 2) as s",
        "select generate_series(timestamp '2024-01-01', timestamp '2024-01-02', interval 1 hour) as s",
        "select generate_series(date '2024-01-01', date '2024-01-02', interval '1 day') as s",
        "select * from generate_series(3)",
        "select * from generate_series(1, 10, 2)",
        "select * from generate_series(date '2024-01-01', date '2024-01-05', interval 1 day) as d(day)",
        "select * from generate_series(abs(-1), 3)",
        "select * from range(3)",
        "select * from range(1, 10, 2)",
        "select * from range(timestamp '2024-01-01', timestamp '2024-01-02', interval 1 hour)",
        "select range(3) as a, range(1, 3) as b, range(1, 10, 2) as c",
        "select range(date '2024-01-01', date '2024-01-02', interval 1 hour) as r",
        // ORDER BY ALL
        "select user_id, status, count(*) as n from orders group by all order by all",
        "select user_id, status from orders order by all desc",
        "select user_id from orders union select user_id from users order by all",
        // result types Calcite gives otherwise
        "select json_keys(properties) as k from rudder.tracks",
        "select position('@' in email) as a, strpos(email, '@') as b, instr(email, '@') as c from users",
        "select array_length(tags) as a, cardinality(tags) as b, char_length(status) as c, octet_length(status::blob) as d,"
                + " bit_length(status) as e from orders",
        "select date_part('epoch', created_at) as a, extract(epoch from created_at) as b, date_part('second', created_at) as c,"
                + " extract(year from created_at) as d from orders",
        "select hash(user_id) as h from users",
        "select sign(amount) as a, sign(item_count) as b, sign(lifetime_value) as c from orders, users",
        "select trunc(amount) as a, trunc(amount, 1) as b, trunc(lifetime_value) as c, trunc(item_count) as d from orders, users",
        "select round(1.55::decimal(4, 2)) as a, round(amount, -2) as b from orders",
        "select cast('[1]' as json[]) as j, unnest(tags) as tag, item_count % 3::smallint as m from orders",
        // quantiles and the median: DOUBLE for integers, TIMESTAMP for dates, the input's type otherwise, lists per list
        "select quantile_disc(amount, 0.9) as a, quantile_cont(amount, 0.9) as b, median(amount) as c,"
                + " quantile_cont(order_id, 0.5) as d, quantile_disc(order_id, [0.1, 0.5]) as e, median(item_count) as f,"
                + " quantile_disc(created_at, 0.5) as g, quantile_cont(created_at::date, 0.5) as h, median(status) as i,"
                + " quantile(amount, 0.5) as j, quantile_cont(amount, [0.25, 0.75]) as k, median(created_at::date) as l,"
                + " quantile_disc(created_at::date, 0.5) as m from orders",
        "select isoyear(created_at) as a, isoyear(created_at::date) as b, date_sub('day', created_at, created_at) as c,"
                + " date_sub('month', created_at::date, created_at::date) as d, datesub('hour', created_at, created_at) as e"
                + " from orders",
        "select to_days(3) as a, to_hours(item_count) as b, to_minutes(1) as c, to_seconds(1.5) as d, to_months(1) as e,"
                + " to_years(1) as f, to_weeks(1) as g, to_milliseconds(1) as h, to_microseconds(1) as i, to_centuries(1) as j,"
                + " to_decades(1) as k, to_millennia(1) as l, to_quarters(1) as m from orders",
        "select struct_extract(s, 'id') as a, struct_extract(s, 'N') as b from (select {'id': order_id, 'n': status} as s"
                + " from orders)",
        "select list_aggregate(tags, 'string_agg', ',') as a, list_aggregate([1, 2], 'sum') as b,"
                + " list_aggregate([amount], 'sum') as c, list_aggregate([amount], 'avg') as d, list_aggregate(tags, 'min') as e,"
                + " list_aggregate([item_count], 'count') as f, list_aggregate([item_count], 'median') as g,"
                + " list_aggregate([item_count], 'list') as h, list_aggr([true], 'bool_and') as i,"
                + " array_aggregate([lifetime_value], 'sum') as j from orders, users",
        "select list_sum([1, 2]) as a, list_avg([amount]) as b, list_min(tags) as c, list_max([created_at]) as d,"
                + " list_count(tags) as e, list_first(tags) as f, list_mode([item_count]) as g, list_median([amount]) as h"
                + " from orders",
        // struct_pack with named arguments, MAP literals
        "select struct_pack(id := order_id, s := status) as p, map {'x': 1, 'y': 2} as m, map {1: 'a'} as m2,"
                + " map {status: amount} as by_status, struct_extract(struct_pack(n := item_count), 'n') as n,"
                + " struct_pack(id := order_id, status, o.amount) as mixed from orders o",
        // FROM first: the SELECT it means
        "from orders",
        "from orders where status = 'paid'",
        "from orders select order_id, amount where status = 'paid'",
        "from orders o join users u on o.user_id = u.user_id select o.order_id, u.email",
        "from orders select status, count(*) as n group by all order by all",
        "from orders select distinct status",
        "from orders select user_id, sum(amount) as total group by user_id having sum(amount) > 10 order by 2 limit 3",
        "select * from (from orders select order_id) t",
        "with paid as (from orders where status = 'paid') from paid select count(*) as n"})
    void validatesWithDuckDbsColumns(String sql) throws SQLException {
        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(sql), CATALOG);

        assertThat(validated.columns()).extracting(column -> column.name().toLowerCase(Locale.ROOT) + " " + column.type())
                .containsExactlyElementsOf(duckDb.describe(sql).stream()
                        .map(column -> column.name().toLowerCase(Locale.ROOT) + " " + column.type()).toList());
    }

    @Test
    void orderByAllKeepsDirectionAndNullOrderOnEveryColumn() throws SQLException {
        String sql = "select user_id, status from orders order by all desc nulls first";
        duckDb.execute("insert into orders values (1, 'u1', 1, 'paid', null, null, 1, []), (2, null, 1, 'open', null, null,"
                + " 1, []), (3, 'u1', 1, 'open', null, null, 1, []), (4, 'u2', 1, null, null, null, 1, [])");
        try {
            String explicit = "select user_id, status from orders order by 1 desc nulls first, 2 desc nulls first";

            assertThat(duckDb.rows(sql)).isEqualTo(duckDb.rows(explicit));
            assertThat(FRONT_END.validate(FRONT_END.parse(sql), CATALOG).columns()).hasSize(2);
        } finally {
            duckDb.execute("delete from orders");
        }
    }

    @Test
    void orderByAllAfterAStarIsNotValidatedButNeverAMissingColumn() {
        for (String sql : List.of("select * from orders order by all", "select * exclude (tags) from orders order by all")) {
            SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class,
                    () -> FRONT_END.validate(FRONT_END.parse(sql), CATALOG));

            assertThat(thrown).as(sql).isNotNull();
            assertThat(thrown.problem().kind()).isEqualTo(SqlProblem.Kind.INVALID);
            assertThat(thrown.problem().message()).contains("ORDER BY ALL");
        }
    }

    @Test
    void aQuotedAllIsAColumn() {
        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class,
                () -> FRONT_END.validate(FRONT_END.parse("select user_id from orders order by \"all\""), CATALOG));

        assertThat(thrown.problem().kind()).isEqualTo(SqlProblem.Kind.UNKNOWN_COLUMN);
    }

    @Test
    void unnestOfAStructIsNotValidated() {
        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class,
                () -> FRONT_END.validate(FRONT_END.parse("select unnest({'a': 1, 'b': 'x'})"), CATALOG));

        assertThat(thrown).isNotNull();
        assertThat(thrown.problem().kind()).isEqualTo(SqlProblem.Kind.INVALID);
    }
}
