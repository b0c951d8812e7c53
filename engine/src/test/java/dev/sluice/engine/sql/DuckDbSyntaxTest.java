package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each DuckDB construct Sluice's grammar adds to Calcite's parses, validates, and gives the output
 * columns DuckDB itself gives the same query: the same names and the same types.
 */
class DuckDbSyntaxTest {
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
}
