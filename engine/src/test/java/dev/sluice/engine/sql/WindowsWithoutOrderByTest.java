package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.sql.postgres.PostgresTranslator;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window functions DuckDB computes over a window without ORDER BY: each validates with the type DuckDB's DESCRIBE
 * gives, and each translation is written only where it means the same (every row a peer: rank 1, percent_rank 0,
 * cume_dist 1, see {@link SnowflakeRuleFactsTest}), refused by line and construct where the order is arbitrary.
 */
class WindowsWithoutOrderByTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd();
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    @RegisterExtension
    static final DuckDbOracle duckDb = DuckDbOracle.perClass(CATALOG);

    @ParameterizedTest
    @ValueSource(strings = {"row_number()", "rank()", "dense_rank()", "percent_rank()", "cume_dist()", "ntile(3)",
        "lag(amount)", "lead(status, 2)", "first_value(amount)", "last_value(created_at)"})
    void validatesAsDuckDbTypesIt(String function) throws SQLException {
        String sql = "select order_id, " + function + " over () as whole, " + function
                + " over (partition by user_id) as per_user from orders";

        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(sql), CATALOG);

        assertThat(validated.columns()).extracting(column -> column.name() + " " + column.type())
                .containsExactlyElementsOf(duckDb.describe(sql).stream()
                        .map(column -> column.name() + " " + column.type()).toList());
    }

    @Test
    void peersTranslateToPostgresqlAndAreRefusedForSnowflake() {
        String sql = """
                select order_id,
                       rank() over (partition by user_id) as r,
                       dense_rank() over () as d,
                       percent_rank() over (partition by user_id) as p,
                       cume_dist() over () as c
                from orders""";

        assertThat(new PostgresTranslator().translate(sql, CATALOG).sql()).contains(
                "RANK() OVER (PARTITION BY orders.user_id) AS r", "DENSE_RANK() OVER () AS d",
                "PERCENT_RANK() OVER (PARTITION BY orders.user_id) AS p", "CUME_DIST() OVER () AS c");
        assertThat(new SnowflakeTranslator().translate(sql, CATALOG).refusals())
                .extracting(TranslationRefusal::line, TranslationRefusal::construct).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "RANK(...) without ORDER BY"),
                        org.assertj.core.groups.Tuple.tuple(3, "DENSE_RANK(...) without ORDER BY"),
                        org.assertj.core.groups.Tuple.tuple(4, "PERCENT_RANK(...) without ORDER BY"),
                        org.assertj.core.groups.Tuple.tuple(5, "CUME_DIST(...) without ORDER BY"));
    }

    @Test
    void anArbitraryOrderIsRefusedByBoth() {
        String sql = """
                select order_id,
                       ntile(2) over () as half,
                       lag(amount) over (partition by user_id) as previous,
                       lead(amount) over () as following_amount
                from orders""";
        List<String> expected = List.of("2: NTILE(...) without ORDER BY", "3: LAG(...) without ORDER BY",
                "4: LEAD(...) without ORDER BY");

        assertThat(new PostgresTranslator().translate(sql, CATALOG).refusals())
                .extracting(refusal -> refusal.line() + ": " + refusal.construct()).containsExactlyElementsOf(expected);
        assertThat(new SnowflakeTranslator().translate(sql, CATALOG).refusals())
                .extracting(refusal -> refusal.line() + ": " + refusal.construct()).containsExactlyElementsOf(expected);
    }
}
