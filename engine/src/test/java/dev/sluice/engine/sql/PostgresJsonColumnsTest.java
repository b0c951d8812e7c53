package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.engine.sql.postgres.PostgresTranslator;
import dev.sluice.postgres.PostgresTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JSON columns in the PostgreSQL translation, against DuckDB and a real PostgreSQL holding the same rows:
 * where a JSON column is used as text the translation refuses it by name (jsonb's text and comparisons are
 * not DuckDB's), and where it means the same it is translated and gives DuckDB's rows. Also the aggregates
 * the dogfood project needed: {@code arg_max ... FILTER} and an ordered {@code string_agg(DISTINCT ...)}.
 */
class PostgresJsonColumnsTest {
    private static final SqlCatalog CATALOG = catalog();
    private static final PostgresTranslator TRANSLATOR = new PostgresTranslator();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** The same document twice, written differently (t1, t4): DuckDB keeps each text, jsonb one document. */
    private static final String ROWS = "('t1', 'a', 'web', timestamp '2026-01-01 00:00:00', '{\"b\": 1,  \"a\":\"x\"}'),"
            + " ('t2', 'a', 'App', timestamp '2026-01-02 00:00:00', '{\"a\":\"y\"}'),"
            + " ('t3', 'a', null, timestamp '2026-01-03 00:00:00', null),"
            + " ('t4', 'b', 'web', timestamp '2026-01-01 00:00:00', '{\"a\": \"x\", \"b\": 1}'),"
            + " ('t5', 'b', 'api', timestamp '2026-01-04 00:00:00', '[1, 2]'),"
            + " ('t6', 'b', 'api', timestamp '2026-01-05 00:00:00', '{\"a\": \"z\"}')";
    private static DuckDbOracle duckDb;
    private static Connection postgres;

    @BeforeAll
    static void loadBoth() throws SQLException {
        duckDb = DuckDbOracle.open(CATALOG);
        duckDb.execute("insert into rudder.tracks values " + ROWS);
        postgres = DriverManager.getConnection(PostgresTestServer.newDatabase().get("url"));
        try (Statement statement = postgres.createStatement()) {
            statement.execute("set time zone 'UTC'");
            statement.execute("create schema rudder");
            statement.execute("create table rudder.tracks (id text, kind text, via text, seen_at timestamp, properties jsonb)");
            statement.execute("insert into rudder.tracks values " + ROWS);
        }
    }

    @AfterAll
    static void close() throws SQLException {
        if (postgres != null) {
            postgres.close();
            duckDb.close();
        }
    }

    private static SqlCatalog catalog() {
        SqlCatalog catalog = new SqlCatalog("main");
        catalog.put(ShopCatalog.source("tracks", "id VARCHAR", "kind VARCHAR", "via VARCHAR", "seen_at TIMESTAMP",
                "properties JSON"));
        return catalog;
    }

    @Test
    void jsonbIsNotTheTextDuckDbKeeps() throws SQLException {
        // Why text use is refused: the same query, run as written on each, answers differently.
        String sql = "select id from rudder.tracks where cast(properties as varchar) = '{\"a\": \"x\", \"b\": 1}'";
        assertThat(rows(duckDb.connection(), sql)).containsExactly("t4");
        assertThat(rows(postgres, sql.replace("varchar", "text"))).containsExactly("t1", "t4");
        assertThat(rows(postgres, "select id from rudder.tracks where properties = '{\"b\": 1,  \"a\":\"x\"}'"))
                .containsExactly("t1", "t4");
        assertThat(rows(duckDb.connection(), "select id from rudder.tracks where properties = '{\"b\": 1,  \"a\":\"x\"}'"))
                .containsExactly("t1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select id from rudder.tracks where properties = '{\"b\": 1,  \"a\":\"x\"}'",
        "select id from rudder.tracks\nwhere properties like '%\"b\": 1,%'",
        "select id, cast(properties as varchar) as text from rudder.tracks",
        "select id, lower(properties) as text from rudder.tracks",
        "select properties, count(*) as n from rudder.tracks group by properties",
        "select distinct properties from rudder.tracks",
        "select id from rudder.tracks order by properties",
        "with t as (select id, properties as p from rudder.tracks) select id from t where p like '%x%'",
        "select id from (select id, json_extract(properties, '$.a') as a from rudder.tracks) s where a = '\"x\"'"})
    void aJsonColumnUsedAsTextIsRefusedByName(String sql) {
        DialectTranslation translation = TRANSLATOR.translate(sql, CATALOG);

        assertThat(translation.translated()).as(sql).isFalse();
        assertThat(translation.refusals()).anySatisfy(refusal -> {
            assertThat(refusal.reason()).contains("used as text");
            assertThat(refusal.line()).isPositive();
            assertThat(refusal.column()).isPositive();
        });
        if (sql.contains("from rudder.tracks\nwhere")) {
            assertThat(translation.refusals().get(0).line()).isEqualTo(2);
            assertThat(translation.refusals().get(0).reason()).contains("rudder.tracks.properties");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select id, properties from rudder.tracks",
        "select id from rudder.tracks where properties is not null",
        "select kind, count(properties) as documents from rudder.tracks group by kind",
        "select id, json_extract_string(properties, '$.a') as a, json_extract(properties, '$.b') as b from rudder.tracks",
        "with t as (select id, properties as p from rudder.tracks) select id, p, json_extract_string(p, '$.a') as a"
                + " from t where p is not null",
        "select kind, arg_max(via, seen_at) filter (where via <> 'api') as last_via, arg_min(id, seen_at) filter (where"
                + " properties is not null) as first_id from rudder.tracks group by kind",
        "select kind, string_agg(distinct via, ',' order by via) as vias from rudder.tracks group by kind"})
    void whereAJsonColumnMeansTheSameItIsTranslatedAndGivesDuckDbsRows(String sql) throws SQLException {
        DialectTranslation translation = TRANSLATOR.translate(sql, CATALOG);

        assertThat(translation.refusals()).as(sql).isEmpty();
        assertThat(rows(postgres, translation.sql())).as(translation.sql())
                .containsExactlyElementsOf(rows(duckDb.connection(), sql));
    }

    /** Sorted rows, values joined by " | "; JSON documents with their keys sorted and no spacing. */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int count = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= count; column++) {
                    String value = result.getString(column);
                    String type = result.getMetaData().getColumnTypeName(column).toLowerCase();
                    row.add(value != null && (type.equals("json") || type.equals("jsonb")) ? document(value)
                            : String.valueOf(value));
                }
                rows.add(String.join(" | ", row));
            }
        }
        rows.sort(null);
        return rows;
    }

    private static String document(String text) throws SQLException {
        try {
            return JSON.writeValueAsString(JSON.readValue(text, Object.class));
        } catch (java.io.IOException e) {
            throw new SQLException("not JSON: " + text, e);
        }
    }
}
