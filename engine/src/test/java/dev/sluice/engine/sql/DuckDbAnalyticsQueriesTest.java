package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Realistic DuckDB analytics models (in {@code sql/duckdb-analytics.sql}) must parse and validate,
 * and each one really is DuckDB SQL: it runs on an in-memory DuckDB holding the same tables, and
 * DuckDB names the output columns as Calcite does. Constructs Sluice does not understand yet are
 * listed as documented gaps: they must fail with a clear problem, never an internal crash.
 */
class DuckDbAnalyticsQueriesTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd();
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    private static Connection duckDb;

    @BeforeAll
    static void createTablesInDuckDb() throws SQLException {
        duckDb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckDb.createStatement()) {
            statement.execute("create schema rudder");
            for (SqlCatalog.Table table : CATALOG.tables()) {
                statement.execute("create table " + table.schema() + "." + table.name() + " ("
                        + table.columns().stream()
                                .map(c -> '"' + c.name() + "\" " + c.type() + (c.nullable() ? "" : " not null"))
                                .collect(Collectors.joining(", "))
                        + ")");
            }
        }
    }

    @AfterAll
    static void closeDuckDb() throws SQLException {
        duckDb.close();
    }

    static Stream<Arguments> analyticsQueries() throws IOException {
        try (InputStream input = DuckDbAnalyticsQueriesTest.class.getResourceAsStream("/sql/duckdb-analytics.sql")) {
            String text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(text.split("\n----\n")).map(query -> Arguments.of(nameOf(query), query));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("analyticsQueries")
    void validatesAndAgreesWithDuckDbOnColumnNames(String name, String sql) throws SQLException {
        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(sql), CATALOG);

        assertThat(validated.columns()).isNotEmpty();
        assertThat(validated.columns()).extracting(column -> column.name().toLowerCase(Locale.ROOT))
                .containsExactlyElementsOf(duckDbColumnNames(sql));
    }

    /** The construct, a query using it, and how Sluice must reject it today. */
    static Stream<Arguments> knownGaps() {
        return Stream.of(
                gap("PIVOT without IN: its columns depend on the data", "pivot orders on status using sum(amount)",
                        SqlProblem.Kind.INVALID),
                gap("arrow lambda, which DuckDB 2.0 rejects", "select list_transform(tags, x -> upper(x)) from orders",
                        SqlProblem.Kind.INVALID),
                gap("lambda reading a column besides its parameters",
                        "select list_transform(tags, lambda t: t || status) as t from orders", SqlProblem.Kind.INVALID),
                gap("PIVOT on an expression", "pivot orders on year(created_at) in (2024) using count(*)",
                        SqlProblem.Kind.SYNTAX),
                gap("empty list literal", "select [][1:2] as x", SqlProblem.Kind.INVALID),
                gap("INTERVAL mixing months and days", "select interval '1 month 2 days'", SqlProblem.Kind.SYNTAX),
                gap("list aggregate with ORDER BY", "select list(status order by created_at) from orders",
                        SqlProblem.Kind.SYNTAX),
                gap("FILTER with OVER", "select count(*) filter (where status = 'paid') over () from orders",
                        SqlProblem.Kind.INVALID),
                gap("file table functions", "select * from read_parquet('events/*.parquet')", SqlProblem.Kind.INVALID),
                gap("FROM first with WHERE before SELECT, which DuckDB rejects too",
                        "from orders where status = 'paid' select order_id", SqlProblem.Kind.SYNTAX),
                gap("USING SAMPLE", "select order_id from orders using sample 50 percent (bernoulli, 42)",
                        SqlProblem.Kind.SYNTAX),
                gap("ASOF join", "select o.order_id, p.url from orders o asof left join rudder.pages p"
                        + " on o.user_id = p.user_id and o.created_at >= p.received_at", SqlProblem.Kind.SYNTAX),
                gap("POSITIONAL join", "select * from (select order_id from orders) a positional join"
                        + " (select user_id from users) b", SqlProblem.Kind.SYNTAX),
                gap("LIMIT percent", "select order_id from orders order by order_id limit 50%", SqlProblem.Kind.SYNTAX),
                gap("list comprehension", "select [upper(t) for t in tags if t <> 'promo'] as kept from orders",
                        SqlProblem.Kind.SYNTAX),
                gap("struct_pack of an unnamed expression", "select struct_pack(id := order_id, upper(status)) as s"
                        + " from orders", SqlProblem.Kind.INVALID),
                gap("empty MAP literal", "select map {} as m", SqlProblem.Kind.SYNTAX),
                gap("EXCLUDE and REPLACE together", "select * exclude (tags) replace (upper(status) as status) from orders",
                        SqlProblem.Kind.SYNTAX),
                gap("COLUMNS(...)", "select columns('.*_id') from orders", SqlProblem.Kind.INVALID),
                gap("ORDER BY ALL after *", "select * from orders order by all", SqlProblem.Kind.INVALID),
                gap("unnest of a struct", "select unnest({'a': 1, 'b': 'x'})", SqlProblem.Kind.INVALID),
                gap("a qualified column named range", "select r.range from range(3) r", SqlProblem.Kind.SYNTAX),
                gap("functions outside the catalogue", "select format_bytes(item_count) as size from orders",
                        SqlProblem.Kind.INVALID),
                gap("list_aggregate of an aggregate Sluice cannot type", "select list_aggregate(tags, 'histogram') as h"
                        + " from orders", SqlProblem.Kind.INVALID),
                gap("struct_extract of a field the struct lacks", "select struct_extract({'a': 1}, 'b') as b",
                        SqlProblem.Kind.INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownGaps")
    void knownGapFailsCleanly(String construct, String sql, SqlProblem.Kind expected) {
        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class,
                () -> FRONT_END.validate(FRONT_END.parse(sql), CATALOG));

        assertThat(thrown).as("%s is a documented gap; if it works now, move it to the supported queries", construct)
                .isNotNull();
        assertThat(thrown.problem().kind()).isEqualTo(expected);
        assertThat(thrown.problem().line()).isPositive();
    }

    private static Arguments gap(String construct, String sql, SqlProblem.Kind kind) {
        return Arguments.of(construct, sql, kind);
    }

    private static List<String> duckDbColumnNames(String sql) throws SQLException {
        try (Statement statement = duckDb.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = result.getMetaData();
            List<String> names = new ArrayList<>();
            for (int column = 1; column <= metaData.getColumnCount(); column++) {
                names.add(metaData.getColumnLabel(column).toLowerCase(Locale.ROOT));
            }
            return names;
        }
    }

    private static String nameOf(String query) {
        return query.lines().filter(line -> line.startsWith("-- ")).reduce((first, second) -> second)
                .map(line -> line.substring(3)).orElse(query);
    }
}
