package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DuckDB's table functions, list-returning series, ORDER BY ALL and the functions whose result type DuckDB and Calcite
 * give differently: each query validates with the column names and types DuckDB's own DESCRIBE gives it.
 */
class DuckDbResultTypesTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd();
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    private static DuckDbOracle duckDb;

    @BeforeAll
    static void startDuckDb() throws SQLException {
        duckDb = new DuckDbOracle(CATALOG);
    }

    @AfterAll
    static void stopDuckDb() throws SQLException {
        duckDb.close();
    }

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
        "select cast('[1]' as json[]) as j, unnest(tags) as tag, item_count % 3::smallint as m from orders"})
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
