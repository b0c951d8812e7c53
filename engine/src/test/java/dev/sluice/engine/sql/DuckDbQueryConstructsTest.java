package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DuckDB's PIVOT and UNPIVOT statements, UNION BY NAME, slices and lambdas in list functions: each
 * validates with the output columns stated here, which are also the ones DuckDB's DESCRIBE gives (the
 * corpus runs them with results); what Sluice reports instead of validating says why, with the fix.
 */
class DuckDbQueryConstructsTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd();
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    @RegisterExtension
    static final DuckDbOracle duckDb = DuckDbOracle.perClass(CATALOG);

    static Stream<Arguments> constructs() {
        return Stream.of(
                construct("PIVOT with IN and GROUP BY",
                        "pivot orders on status in ('paid', 'cancelled') using sum(amount) group by user_id",
                        "user_id VARCHAR", "paid DECIMAL(38,2)", "cancelled DECIMAL(38,2)"),
                construct("PIVOT without GROUP BY groups by the other columns",
                        "pivot (select user_id, status, coupon, item_count from orders) on status in (1, 'paid')"
                                + " using max(item_count)",
                        "user_id VARCHAR", "coupon VARCHAR", "1 INTEGER", "paid INTEGER"),
                construct("PIVOT with aliases names value_alias",
                        "pivot orders on status in ('paid' as ok, 'cancelled') using sum(amount) as total, count(*) as n"
                                + " group by user_id",
                        "user_id VARCHAR", "ok_total DECIMAL(38,2)", "ok_n BIGINT", "cancelled_total DECIMAL(38,2)",
                        "cancelled_n BIGINT"),
                construct("PIVOT of several aggregates without aliases",
                        "pivot orders on status in ('paid') using sum(amount), count(*) group by user_id",
                        "user_id VARCHAR", "paid_sum(amount) DECIMAL(38,2)", "paid_count_star() BIGINT"),
                construct("PIVOT in a CTE and ordered",
                        "with p as (pivot orders on status in ('paid') using count(*) group by user_id)"
                                + " select * from p order by paid desc",
                        "user_id VARCHAR", "paid BIGINT"),
                construct("UNPIVOT", "unpivot (select user_id, email, country from users) on email, country"
                        + " into name field value val", "user_id VARCHAR", "field VARCHAR", "val VARCHAR"),
                construct("UNION ALL BY NAME: left's columns, then the right's new ones",
                        "select user_id, amount from orders union all by name select status, user_id from orders",
                        "user_id VARCHAR", "amount DECIMAL(12,2)", "status VARCHAR"),
                construct("UNION BY NAME: names matched without case, types widened",
                        "select order_id from orders union by name select 1.5 as ORDER_ID, 'x' as extra",
                        "order_id DECIMAL(20,1)", "extra VARCHAR"),
                construct("slices", "select status[2:3] as a, status[:2] as b, status[2:] as c, tags[1:1] as d,"
                        + " tags[:1] as e, [1, 2, 3][2:] as f from orders",
                        "a VARCHAR", "b VARCHAR", "c VARCHAR", "d VARCHAR[]", "e VARCHAR[]", "f INTEGER[]"),
                construct("lambdas: parameters typed as the list's elements",
                        "select list_transform([1, 2], lambda x: x * 1.5) as scaled, list_filter(tags, lambda t:"
                                + " t like 'g%') as g_tags, list_reduce([1, 2, 3], lambda acc, x: acc + x) as total,"
                                + " array_transform(tags, lambda t, i: i) as positions, reduce(tags, lambda a, t:"
                                + " a || t, '') as joined from orders",
                        "scaled DECIMAL(12,1)[]", "g_tags VARCHAR[]", "total INTEGER", "positions BIGINT[]",
                        "joined VARCHAR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void validatesWithTheColumnsDuckDbGives(String construct, String sql, List<String> columns) throws SQLException {
        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(sql), CATALOG);

        assertThat(validated.columns()).extracting(column -> column.name() + " " + column.type())
                .containsExactlyElementsOf(columns);
        assertThat(duckDb.describe(sql)).extracting(column -> column.name() + " " + column.type())
                .map(column -> column.toLowerCase(Locale.ROOT))
                .containsExactlyElementsOf(columns.stream().map(column -> column.toLowerCase(Locale.ROOT)).toList());
    }

    @Test
    void pivotStatementsReadTheirTables() {
        assertThat(FRONT_END.parse("pivot orders on status in ('paid') using sum(amount) group by user_id").tables())
                .extracting(TableReference::names).containsExactly(List.of("orders"));
        assertThat(FRONT_END.parse("with o as (select * from orders) pivot o on status using count(*)").tables())
                .extracting(TableReference::names).containsExactly(List.of("orders"));
        assertThat(FRONT_END.parse("unpivot rudder.pages on url, referrer").tables())
                .extracting(TableReference::names).containsExactly(List.of("rudder", "pages"));
    }

    @Test
    void pivotWithoutInHasColumnsKnownOnlyAtRunTime() {
        ParsedQuery parsed = FRONT_END.parse("select *\nfrom (pivot orders on status using sum(amount) group by user_id)");
        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class,
                () -> FRONT_END.validate(parsed, CATALOG));

        assertThat(parsed.tables()).extracting(TableReference::names).containsExactly(List.of("orders"));
        assertThat(thrown.problem().kind()).isEqualTo(SqlProblem.Kind.INVALID);
        assertThat(thrown.problem().message()).isEqualTo("columns known only at run time: PIVOT ... ON status without"
                + " IN (...) makes one column per value of status in the data; list the values (ON status IN ('a',"
                + " 'b')) to have its columns validated");
        assertThat(thrown.problem().line()).isEqualTo(2);
        assertThat(thrown.problem().column()).isEqualTo(7);
    }

    @Test
    void mistakesInTheNewConstructsAreNamedWhereTheyAre() {
        assertThat(problem("select user_id from orders\nunion by name select order_id as user_id from orders"))
                .isEqualTo("1:1 INVALID type mismatch in column 1 of UNION BY NAME");
        assertThat(problem("select item_count[1:2] as x from orders").split(" ")[0]).isEqualTo("1:8");
        assertThat(problem("select list_filter(tags, lambda t: length(t)) as x from orders"))
                .startsWith("1:8 INVALID");
        assertThat(problem("select list_transform(tags, x -> upper(x)) as x from orders"))
                .isEqualTo("1:29 INVALID DuckDB 2.0 rejects the arrow lambda x -> ...; write lambda x: ...");
        assertThat(problem("select status[1:2 from orders")).startsWith("1:19 SYNTAX");
        assertThat(problem("pivot orders on status in ('paid') group by user_id")).startsWith("1:36 SYNTAX");
    }

    @Test
    void pivotColumnsNamedByCalciteWhereSluiceDoesNotKnowDuckDbsName() throws SQLException {
        String sql = "pivot orders on status in ('paid') using sum(amount * 2), count(*) group by user_id";

        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(sql), CATALOG);

        assertThat(validated.columns()).extracting(ValidatedQuery.OutputColumn::name)
                .containsExactly("user_id", "paid", "paid_count_star()");
        assertThat(duckDb.describe(sql)).extracting(DuckDbOracle.Column::name)
                .containsExactly("user_id", "paid_sum((amount * 2))", "paid_count_star()");
    }

    @Test
    void pivotOnSeveralColumnsWithValuesIsReported() {
        assertThat(problem("pivot orders on status, coupon in ('paid') using count(*)"))
                .isEqualTo("0:0 INVALID value count in PIVOT (1) must match number of FOR columns (2)");
    }

    @Test
    void aColumnNamedLambdaIsStillAColumn() {
        SqlCatalog catalog = new SqlCatalog("main");
        catalog.put(ShopCatalog.model("steps", "lambda DOUBLE", "x INTEGER"));

        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse("select round(lambda, x) as r from steps"), catalog);

        assertThat(validated.columns()).extracting(ValidatedQuery.OutputColumn::name).containsExactly("r");
    }

    private static String problem(String sql) {
        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class,
                () -> FRONT_END.validate(FRONT_END.parse(sql), CATALOG));
        assertThat(thrown).as("a problem with %s", sql).isNotNull();
        SqlProblem problem = thrown.problem();
        return problem.line() + ":" + problem.column() + " " + problem.kind() + " " + problem.message();
    }

    private static Arguments construct(String name, String sql, String... columns) {
        return Arguments.of(name, sql, List.of(columns));
    }
}
