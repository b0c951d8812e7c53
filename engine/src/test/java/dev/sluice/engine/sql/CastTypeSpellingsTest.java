package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.SQLException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type spelling DuckDB accepts in a cast validates, in both cast syntaxes, with the column type
 * DuckDB itself gives the query; a type Sluice cannot record is reported as not checkable (the model
 * still runs), never as a missing column.
 */
class CastTypeSpellingsTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd();
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    @RegisterExtension
    static final DuckDbOracle duckDb = DuckDbOracle.perClass(CATALOG);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"item_count::timestamptz", "created_at::timestamptz", "created_at::timestamp with time zone",
        "created_at::datetime", "created_at::timestamp", "created_at::date", "item_count::int8", "item_count::int4",
        "item_count::int2", "item_count::int1", "item_count::int", "item_count::integer", "item_count::bigint",
        "item_count::smallint", "item_count::tinyint", "item_count::long", "item_count::short", "item_count::signed",
        "item_count::hugeint", "item_count::ubigint", "item_count::uinteger", "item_count::usmallint",
        "item_count::utinyint", "item_count::float", "item_count::float4", "item_count::real", "item_count::float8",
        "item_count::double", "item_count::\"double\"", "item_count::decimal", "item_count::numeric",
        "item_count::decimal(10,2)", "item_count::numeric(7)", "item_count::dec(5,1)", "status::varchar",
        "status::varchar(20)", "status::text", "status::string", "status::char", "status::bpchar",
        "status::character varying", "status::json", "status::blob", "status::bytea", "status::varbinary",
        "'00000000-0000-0000-0000-000000000000'::uuid", "is_active::bool", "is_active::boolean",
        "is_active::logical", "'1 day'::interval", "'10:00'::time", "tags::varchar[]", "tags::text[]",
        "tags::json[]", "tags::varchar[][]", "[1, 2]::bigint[]", "{'a': 1}::struct(a bigint)",
        "{'a': 1, 'b': 'x'}::struct(a int8, b text)", "{'a': [1]}::struct(a int[])",
        "null::map(varchar, bigint)", "null::map(text, int8[])", "cast(created_at as timestamptz)", "cast(item_count as int8)",
        "cast(tags as json[])", "cast(status as text)", "try_cast(status as int8)", "try_cast(status as timestamptz)"})
    void validatesWithDuckDbsType(String expression) throws SQLException {
        String sql = "select " + expression + " as value from orders, users";

        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(sql), CATALOG);

        assertThat(validated.columns()).extracting(column -> column.name().toLowerCase(Locale.ROOT) + " " + column.type())
                .containsExactlyElementsOf(duckDb.describe(sql).stream()
                        .map(column -> column.name().toLowerCase(Locale.ROOT) + " " + column.type()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"created_at::timestamp_s", "created_at::timestamp_ns", "status::mood",
        "cast(status as my_schema.mood)"})
    void aTypeSluiceCannotRecordIsNotCheckedButNeverAMissingColumn(String expression) {
        SqlProblemException problem = catchThrowableOfType(SqlProblemException.class,
                () -> FRONT_END.validate(FRONT_END.parse("select " + expression + " as value from orders"), CATALOG));

        assertThat(problem.problem().kind()).isEqualTo(SqlProblem.Kind.INVALID);
        assertThat(problem.problem().message()).contains("type \"").doesNotContain("not found");
        assertThat(problem.problem().line()).isEqualTo(1);
    }

    @Test
    void snowflakeSpellingsReadAsSnowflakeMeansThem() {
        SqlFrontEnd snowflake = new CalciteFrontEnd(ModelDialect.SNOWFLAKE);
        ValidatedQuery validated = snowflake.validate(snowflake.parse("select amount::number as n, amount::float as f,"
                + " status::string as s, created_at::timestamp_ntz as t, amount::decimal as d from orders"), CATALOG);

        assertThat(validated.columns()).extracting(ValidatedQuery.OutputColumn::type)
                .containsExactly("DECIMAL(38,0)", "DOUBLE", "VARCHAR", "TIMESTAMP", "DECIMAL(38,0)");
    }
}
