package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.engine.sql.ValidatedQuery.OutputColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalciteFrontEndValidateTest {
    private final SqlFrontEnd frontEnd = new CalciteFrontEnd();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void joinAggregateAndWindowGiveWarehouseTypes() {
        ValidatedQuery query = validate("""
                select u.user_id, u.country,
                       count(*) as orders,
                       sum(o.amount) as revenue,
                       avg(o.item_count) as avg_items,
                       max(o.created_at) as last_order_at,
                       rank() over (partition by u.country order by sum(o.amount) desc) as country_rank,
                       min(o.status),
                       count(*) filter (where o.status ilike 'PAID%') as paid_orders
                from users u
                left join orders o on o.user_id = u.user_id
                group by u.user_id, u.country""");

        assertThat(query.columns()).containsExactly(
                new OutputColumn("user_id", "VARCHAR", false),
                new OutputColumn("country", "VARCHAR", true),
                new OutputColumn("orders", "BIGINT", false),
                new OutputColumn("revenue", "DECIMAL(38,2)", true),
                new OutputColumn("avg_items", "DOUBLE", true), // DuckDB's AVG of integers
                new OutputColumn("last_order_at", "TIMESTAMP", true),
                new OutputColumn("country_rank", "BIGINT", false),
                new OutputColumn("EXPR$7", "VARCHAR", true),
                new OutputColumn("paid_orders", "BIGINT", false));
    }

    @Test
    void sourcesAreReachedThroughTheirSchema() {
        ValidatedQuery query = validate(
                "select event, received_at, \"timestamp\" from rudder.tracks where event ilike 'order%'");

        assertThat(query.columns()).containsExactly(
                new OutputColumn("event", "VARCHAR", true),
                new OutputColumn("received_at", "TIMESTAMP", false),
                new OutputColumn("timestamp", "TIMESTAMP WITH TIME ZONE", true));
    }

    @Test
    void namesMatchCaseInsensitivelyAndKeepTheCaseWritten() {
        ValidatedQuery query = validate("select ORDER_ID, Status from MAIN.Orders");

        assertThat(query.columns()).extracting(OutputColumn::name).containsExactly("ORDER_ID", "Status");
    }

    @Test
    void qualifyCastsAndWindows() {
        ValidatedQuery query = validate("""
                select user_id,
                       created_at::date as order_date,
                       amount::double as amount,
                       sum(amount) over (partition by user_id) as user_amount,
                       row_number() over (partition by user_id order by created_at desc) as recency
                from orders
                qualify recency = 1""");

        assertThat(query.columns()).containsExactly(
                new OutputColumn("user_id", "VARCHAR", true),
                new OutputColumn("order_date", "DATE", true),
                new OutputColumn("amount", "DOUBLE", true),
                new OutputColumn("user_amount", "DECIMAL(38,2)", true),
                new OutputColumn("recency", "BIGINT", false));
    }

    @Test
    void duckDbDateFunctionsHaveDuckDbSignatures() {
        ValidatedQuery query = validate("""
                select date_trunc('week', created_at) as week, date_part('year', created_at) as year,
                       json_extract_string(properties, '$.plan') as plan, epoch(received_at) as seconds
                from orders, rudder.tracks""");

        assertThat(query.columns()).containsExactly(
                new OutputColumn("week", "TIMESTAMP", true),
                new OutputColumn("year", "BIGINT", true),
                new OutputColumn("plan", "VARCHAR", true),
                new OutputColumn("seconds", "DOUBLE", false));
    }

    @Test
    void unknownQualifiedColumnNamesTheTableAndSuggests() {
        SqlProblem problem = problem("select i.user_id,\n       i.emial\nfrom rudder.identifies i");

        assertThat(problem.kind()).isEqualTo(SqlProblem.Kind.UNKNOWN_COLUMN);
        assertThat(problem.message())
                .isEqualTo("column \"emial\" not found in source(\"rudder\", \"identifies\"); did you mean \"email\"?");
        assertThat(problem.suggestion()).isEqualTo("email");
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.column()).as("points at the misspelt part").isEqualTo(10);
    }

    @Test
    void unknownQualifiedColumnInsideAnAggregateNamesTheTableToo() {
        SqlProblem problem = problem("select i.user_id, count(i.emial) as n\nfrom rudder.identifies i group by i.user_id");

        assertThat(problem.message())
                .isEqualTo("column \"emial\" not found in source(\"rudder\", \"identifies\"); did you mean \"email\"?");
        assertThat(problem.column()).isEqualTo(27);
    }

    @Test
    void unknownColumnWithOneTableInScopeNamesThatTable() {
        SqlProblem problem = problem("select emial from users");

        assertThat(problem.message()).isEqualTo("column \"emial\" not found in ref(\"users\"); did you mean \"email\"?");
    }

    @Test
    void unknownColumnAmongSeveralTablesSuggestsFromAllOfThem() {
        SqlProblem problem = problem("select countyr from orders o join users u using (user_id)");

        assertThat(problem.message())
                .isEqualTo("column \"countyr\" not found in any table in scope; did you mean \"country\"?");
        assertThat(problem.suggestion()).isEqualTo("country");
    }

    @Test
    void unknownColumnFarFromAnyNameHasNoSuggestion() {
        SqlProblem problem = problem("select shoe_size from users");

        assertThat(problem.message()).isEqualTo("column \"shoe_size\" not found in ref(\"users\")");
        assertThat(problem.suggestion()).isNull();
    }

    @Test
    void unknownColumnOfACteNamesTheCte() {
        SqlProblem problem = problem("with recent as (select user_id, amount from orders) select r.amout from recent r");

        assertThat(problem.message()).isEqualTo("column \"amout\" not found in \"r\"; did you mean \"amount\"?");
    }

    @Test
    void unknownTableSuggestsACloseOne() {
        SqlProblem problem = problem("select *\nfrom ordrs");

        assertThat(problem.kind()).isEqualTo(SqlProblem.Kind.UNKNOWN_TABLE);
        assertThat(problem.message()).isEqualTo("table \"ordrs\" not found; did you mean \"orders\"?");
        assertThat(problem.suggestion()).isEqualTo("orders");
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.column()).isEqualTo(6);
    }

    @Test
    void unknownTableInASchemaSuggestsFromThatSchema() {
        SqlProblem problem = problem("select * from rudder.track");

        assertThat(problem.message()).isEqualTo("table \"rudder.track\" not found; did you mean \"tracks\"?");
    }

    @Test
    void unknownQualifierSuggestsAnAlias() {
        SqlProblem problem = problem("select usrs.email from users");

        assertThat(problem.kind()).isEqualTo(SqlProblem.Kind.UNKNOWN_TABLE);
        assertThat(problem.message())
                .isEqualTo("table or alias \"usrs\" not found in this query; did you mean \"users\"?");
    }

    @Test
    void ambiguousColumnIsInvalid() {
        SqlProblem problem = problem("select user_id from orders, users");

        assertThat(problem.kind()).isEqualTo(SqlProblem.Kind.INVALID);
        assertThat(problem.message()).isEqualTo("column \"user_id\" is ambiguous; qualify it with a table name or alias");
    }

    @Test
    void typeErrorsAndUnknownFunctionsAreInvalidWithAPosition() {
        SqlProblem wrongTypes = problem("select amount from orders where is_paid(status)");
        SqlProblem badCast = problem("select sum(status > 1 and 'x') from orders");

        assertThat(wrongTypes.kind()).isEqualTo(SqlProblem.Kind.INVALID);
        assertThat(wrongTypes.message()).startsWith("no function matches is_paid(<CHARACTER>)");
        assertThat(wrongTypes.column()).isEqualTo(33);
        assertThat(badCast.kind()).isEqualTo(SqlProblem.Kind.INVALID);
    }

    @Test
    void seesTablesAddedToTheCatalogAfterAnEarlierValidation() {
        ParsedQuery query = frontEnd.parse("select lifetime_value from user_profiles");
        assertThat(problemOf(query).kind()).isEqualTo(SqlProblem.Kind.UNKNOWN_TABLE);

        catalog.put(ShopCatalog.model("user_profiles", "user_id VARCHAR NOT NULL", "lifetime_value DOUBLE"));

        assertThat(frontEnd.validate(query, catalog).columns())
                .containsExactly(new OutputColumn("lifetime_value", "DOUBLE", true));
    }

    @Test
    void outputTypesOfOneModelRoundTripIntoTheNext() {
        ValidatedQuery upstream = validate(
                "select user_id, sum(amount) as revenue, max(created_at) as last_at, array_agg(status) as statuses "
                        + "from orders group by user_id");
        catalog.put(new SqlCatalog.Table("main", "revenue", "ref(\"revenue\")", upstream.columns().stream()
                .map(column -> new SqlCatalog.Column(column.name(), column.type(), column.nullable())).toList()));

        ValidatedQuery downstream = validate("select * from revenue");

        assertThat(downstream.columns()).isEqualTo(upstream.columns());
    }

    @Test
    void validatesParsedQueriesFromAnotherFrontEndByTheirText() {
        record ForeignQuery(String sql, List<TableReference> tables) implements ParsedQuery {}

        ValidatedQuery query = frontEnd.validate(new ForeignQuery("select email from users", List.of()), catalog);

        assertThat(query.columns()).containsExactly(new OutputColumn("email", "VARCHAR", true));
    }

    @Test
    void typeErrorMessagesAreOneLine() {
        SqlProblem problem = problem("select max(created_at) * 2 from orders");

        assertThat(problem.message()).startsWith("cannot apply '*' to arguments").doesNotContain("\n");
    }

    private ValidatedQuery validate(String sql) {
        return frontEnd.validate(frontEnd.parse(sql), catalog);
    }

    private SqlProblem problem(String sql) {
        return problemOf(frontEnd.parse(sql));
    }

    private SqlProblem problemOf(ParsedQuery query) {
        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class,
                () -> frontEnd.validate(query, catalog));
        assertThat(thrown).as("expected a problem validating %s", query.sql()).isNotNull();
        return thrown.problem();
    }
}
