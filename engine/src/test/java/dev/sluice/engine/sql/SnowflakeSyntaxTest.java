package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Snowflake models parse and validate with the Snowflake dialect's front end. No Snowflake runs here,
 * so each test states the output columns Snowflake gives the query.
 */
class SnowflakeSyntaxTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd(ModelDialect.SNOWFLAKE);
    private static final SqlCatalog CATALOG = catalog();

    static Stream<Arguments> constructs() {
        return Stream.of(
                construct("col:path access", "select payload:plan as plan, payload:items[0].sku as sku from events",
                        "plan VARIANT", "sku VARIANT"),
                construct(":: cast of a path", "select payload:plan::varchar as plan from events", "plan VARCHAR"),
                construct("NUMBER(p, s) in casts", "select payload:price::number(10, 2) as price,"
                        + " cast(amount as NUMBER (12, 4)) as amount, amount::number as whole from events",
                        "price DECIMAL(10,2)", "amount DECIMAL(12,4)", "whole DECIMAL(38,0)"),
                construct("QUALIFY", "select id from events qualify row_number() over "
                        + "(partition by user_id order by received_at desc) = 1", "id VARCHAR"),
                construct("IFF", "select iff(amount > 100, 'big', 'small') as size from events", "size VARCHAR"),
                construct("ILIKE ANY", "select id from events where user_id ilike any ('a%', 'b%')", "id VARCHAR"),
                construct("NOT LIKE ALL", "select id from events where user_id not like all ('a%', 'b%')", "id VARCHAR"),
                construct("DATEDIFF and DATEADD with a unit name",
                        "select datediff(day, received_at, current_date) as age, dateadd(day, 7, received_at) as due "
                                + "from events", "age BIGINT", "due TIMESTAMP"),
                construct("date parts as strings, names and abbreviations",
                        "select dateadd('month', 1, received_at) as a, timestampadd('d', 1, received_at) as b,"
                                + " datediff('day', received_at, received_at) as c, timestampdiff(hh, received_at,"
                                + " received_at) as d, date_trunc(month, received_at) as e, date_trunc('MM', received_at)"
                                + " as f, date_part(dow, received_at) as g from events",
                        "a TIMESTAMP", "b TIMESTAMP", "c BIGINT", "d BIGINT", "e TIMESTAMP", "f TIMESTAMP", "g BIGINT"),
                construct("ARRAY_AGG WITHIN GROUP", "select user_id, array_agg(id) within group (order by received_at)"
                        + " as ids from events group by user_id", "user_id VARCHAR", "ids VARCHAR[]"),
                construct("REGEXP_SUBSTR with position, occurrence, parameters and group", "select regexp_substr(id,"
                        + " 'a(b)', 1, 1, 'e') as b, regexp_substr(id, 'a(b)', 1, 2, 'ce', 1) as c from events",
                        "b VARCHAR", "c VARCHAR"),
                construct("// starts a comment", "select id, amount // the order total\nfrom events",
                        "id VARCHAR", "amount DECIMAL(12,2)"),
                construct("COUNT_IF, APPROX_COUNT_DISTINCT, LISTAGG WITHIN GROUP",
                        "select count_if(amount > 1) as n, approx_count_distinct(user_id) as u, "
                                + "listagg(id, ',') within group (order by received_at) as ids from events",
                        "n DECIMAL(38,0)", "u BIGINT", "ids VARCHAR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void validates(String construct, String sql, List<String> expectedColumns) {
        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(sql), CATALOG);

        assertThat(validated.columns()).extracting(column -> column.name() + " " + column.type())
                .containsExactlyElementsOf(expectedColumns);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dateadd('month', 1, received_at)",
        "timestampadd('day', 1, received_at)", "timestampdiff('day', received_at, received_at)"})
    void aDatePartAsAStringOutsideSnowflakeIsAProblemNotACalciteFailure(String expression) {
        SqlFrontEnd duckDb = new CalciteFrontEnd(ModelDialect.DUCKDB);

        SqlProblemException thrown = catchThrowableOfType(() -> duckDb.validate(duckDb.parse("select " + expression
                + " as x from events"), CATALOG), SqlProblemException.class);

        assertThat(thrown.problem().kind()).isEqualTo(SqlProblem.Kind.INVALID);
        assertThat(thrown.problem().message()).contains("is Snowflake's; DuckDB has no");
        assertThat(thrown.problem().line()).isEqualTo(1);
        assertThat(thrown.problem().column()).isEqualTo(8);
    }

    @Test
    void lateralFlattenHasSnowflakesColumnsAndReadsOnlyItsTable() {
        String sql = "select e.id, f.* from events e, lateral flatten(input => e.payload:items, outer => true) f";

        ParsedQuery parsed = FRONT_END.parse(sql);
        ValidatedQuery validated = FRONT_END.validate(parsed, CATALOG);

        assertThat(parsed.tables()).extracting(TableReference::names).containsExactly(List.of("events"));
        assertThat(validated.columns()).extracting(column -> column.name() + " " + column.type()
                + (column.nullable() ? "" : " NOT NULL")).containsExactly("id VARCHAR NOT NULL",
                "SEQ DECIMAL(38,0) NOT NULL", "KEY VARCHAR", "PATH VARCHAR", "INDEX DECIMAL(38,0)", "VALUE VARIANT",
                "THIS VARIANT");
    }

    @Test
    void flattenTakesPositionalAndNamedArgumentsInAnyCase() {
        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse("""
                select f.seq, f.index as position, f.value:sku::varchar as sku
                from events e, lateral flatten(e.payload, PATH => 'items', Recursive => false) as f
                where f.key is null
                """), CATALOG);

        assertThat(validated.columns()).extracting(column -> column.name() + " " + column.type())
                .containsExactly("seq DECIMAL(38,0)", "position DECIMAL(38,0)", "sku VARCHAR");
    }

    @Test
    void flattenArgumentTyposAndUnknownColumnsAreNamed() {
        SqlProblemException typo = catchThrowableOfType(SqlProblemException.class, () -> FRONT_END.validate(
                FRONT_END.parse("select f.value from events e, lateral flatten(input => e.payload, outr => true) f"),
                CATALOG));
        SqlProblemException column = catchThrowableOfType(SqlProblemException.class, () -> FRONT_END.validate(
                FRONT_END.parse("select f.valu from events e, lateral flatten(input => e.payload) f"), CATALOG));

        assertThat(typo.problem().kind()).isEqualTo(SqlProblem.Kind.INVALID);
        assertThat(typo.problem().message()).isEqualTo("FLATTEN has no argument \"outr\"; its arguments are input,"
                + " path, outer, recursive and mode; did you mean \"outer\"?");
        assertThat(typo.problem().column()).isEqualTo(67);
        assertThat(column.problem().kind()).isEqualTo(SqlProblem.Kind.UNKNOWN_COLUMN);
    }

    @Test
    void flattenInTableWithoutLateralIsReportedWhereItReadsTheOtherTable() {
        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class, () -> FRONT_END.validate(
                FRONT_END.parse("select f.value from events e, table(flatten(input => e.payload)) f"), CATALOG));

        assertThat(thrown.problem().kind()).isEqualTo(SqlProblem.Kind.INVALID);
        assertThat(thrown.problem().message()).isEqualTo("table 'e' not found");
        assertThat(thrown.problem().column()).isEqualTo(54);
    }

    @Test
    void flattenIsSnowflakesOnly() {
        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class, () -> new CalciteFrontEnd()
                .validate(new CalciteFrontEnd().parse("select f.value from orders o, lateral flatten(input => o.tags) f"),
                        ShopCatalog.create()));

        assertThat(thrown.problem().kind()).isEqualTo(SqlProblem.Kind.INVALID);
    }

    @Test
    void colonPathIsNotDuckDbSyntax() {
        SqlFrontEnd duckDb = new CalciteFrontEnd();

        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class,
                () -> duckDb.parse("select payload:plan from events"));

        assertThat(thrown.problem().kind()).isEqualTo(SqlProblem.Kind.SYNTAX);
    }

    private static Arguments construct(String name, String sql, String... columns) {
        return Arguments.of(name, sql, List.of(columns));
    }

    private static SqlCatalog catalog() {
        SqlCatalog catalog = new SqlCatalog("analytics");
        catalog.put(new SqlCatalog.Table("analytics", "events", "source(\"raw\", \"events\")", List.of(
                new SqlCatalog.Column("id", "VARCHAR", false), new SqlCatalog.Column("user_id", "VARCHAR", true),
                new SqlCatalog.Column("payload", "VARIANT", true), new SqlCatalog.Column("amount", "NUMBER(12,2)", true),
                new SqlCatalog.Column("received_at", "TIMESTAMP_NTZ", false))));
        return catalog;
    }
}
