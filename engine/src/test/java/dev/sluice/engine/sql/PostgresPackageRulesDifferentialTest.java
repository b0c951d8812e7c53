package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.sql.postgres.PostgresTranslator;
import dev.sluice.postgres.PostgresTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules the standard packages need, run on DuckDB as written and on a real PostgreSQL as translated, over
 * values chosen to tell them apart: NULLs, empty strings, every word DuckDB reads as a boolean and words
 * PostgreSQL alone reads ('on', 'tr', ' true'), text whose order differs by collation, e-mails without an
 * '@' or with two, and instants around a daylight-saving change. Both sessions in UTC, as Sluice's
 * connectors open them; the PostgreSQL database collates with ICU's {@code en-US}, so a missing
 * {@code COLLATE "C"} shows. The words are there twice: as {@code text} ({@code w}, as Sluice creates columns) and
 * as {@code varchar} ({@code v}, as a table another tool created may hold them).
 */
class PostgresPackageRulesDifferentialTest {
    private static final String[] WORDS = {null, "", "true", "TRUE", "tRuE", "t", "T", "yes", "YES", "y", "Y", "1",
        "false", "FALSE", "f", "F", "no", "No", "n", "N", "0", " true", "true ", "on", "off", "tr", "fa", "2", "-1",
        "+1", "1.0", "é", "B", "a", "b", "A", "z", "Z", "ä", "x@y.com", "a@b@c", "no-at", "trailing@", "@lead",
        "ünï@cödé.de"};
    private static final SqlCatalog CATALOG = new SqlCatalog("main");
    private static final PostgresTranslator TRANSLATOR = new PostgresTranslator();
    private static Connection duckDb;
    private static Connection postgres;
    private static String adminUrl;
    private static String database;

    @BeforeAll
    static void loadBothEngines() throws SQLException {
        CATALOG.put(new SqlCatalog.Table("main", "words", "ref(\"words\")", List.of(
                new SqlCatalog.Column("grp", "INTEGER", true), new SqlCatalog.Column("w", "VARCHAR", true),
                new SqlCatalog.Column("seen", "TIMESTAMP WITH TIME ZONE", true),
                new SqlCatalog.Column("plain", "TIMESTAMP", true), new SqlCatalog.Column("v", "VARCHAR", true))));
        StringBuilder rows = new StringBuilder();
        for (int index = 0; index < WORDS.length; index++) {
            String word = WORDS[index] == null ? "null" : "'" + WORDS[index].replace("'", "''") + "'";
            // instants around the 2024-03-10 and 2024-11-03 changes of America/New_York
            String at = "'2024-" + (index % 2 == 0 ? "03-09" : "11-02") + " " + String.format("%02d", index % 24)
                    + ":30:00+00'";
            rows.append(rows.isEmpty() ? "" : ", ").append("(").append(index % 5).append(", ").append(word).append(", ")
                    .append(index % 7 == 0 ? "null" : at).append(", ").append(index % 7 == 0 ? "null" : at.replace("+00", ""))
                    .append(", ").append(word).append(")");
        }
        // a group of NULLs only, and one of empty strings only
        rows.append(", (7, null, null, null, null), (7, null, null, null, null), (8, '', null, null, '')");
        duckDb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckDb.createStatement()) {
            statement.execute("set TimeZone = 'UTC'");
            statement.execute("create table words (grp integer, w varchar, seen timestamptz, plain timestamp, v varchar)");
            statement.execute("insert into words values " + rows);
        }
        adminUrl = PostgresTestServer.adminUrl();
        database = "sluice_package_rules_" + ProcessHandle.current().pid();
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute("create database " + database + " template template0 encoding 'UTF8'"
                    + " locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'");
        }
        postgres = DriverManager.getConnection(adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"));
        try (Statement statement = postgres.createStatement()) {
            statement.execute("set time zone 'UTC'");
            statement.execute("create table words (grp integer, w text, seen timestamptz, plain timestamp, v varchar)");
            statement.execute("insert into words values " + rows);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (duckDb != null) {
            duckDb.close();
        }
        if (postgres == null) {
            return;
        }
        postgres.close();
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute("drop database " + database);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select grp, array_to_string(list_sort(list(w)), ', ') as joined from words group by grp",
        "select array_to_string(list_sort(list(w || '|' || grp)), '') as joined from words",
        "select w, try_cast(w as boolean) as b from words",
        "select grp, bool_or(try_cast(w as boolean)) as any_true from words group by grp",
        "select w, substring(w from position('@' in w) + 1) as domain, position('@' in w) as at_sign from words",
        "select w, substr(w, position('a' in w) + 2) as rest from words",
        "select seen + interval '3' day as later, seen - interval 2 hour as earlier, plain + interval '1' day as tomorrow from words",
        "select seen as t from words union all select plain from words",
        "select w, typeof_now from (select w, current_timestamp is not null as typeof_now from words) as s",
        // DISTINCT ON: the first row as the ORDER BY sorts them (NULLs last, text by code point), by name or ordinal
        "select distinct on (grp) grp, w from words order by grp, w desc",
        "select distinct on (grp) grp, w as word from words order by 1, word",
        "select distinct on (w) w, grp from words order by w, grp desc",
        "select distinct on (grp) grp, w from words order by grp, seen desc, w",
        // strftime of numeric fields, last_day, make_date of a real date, generate_series of literals in FROM
        "select plain, strftime(plain, '%Y-%m-%d %H:%M:%S') as s, strftime(cast(plain as date), '%d/%m/%Y') as d,"
                + " last_day(plain) as l, last_day(cast(plain as date)) as ld, make_date(2024, 2, 29) as leap from words",
        "select n from generate_series(5, 1, -2) as t(n)",
        "select generate_series * 2 as twice from generate_series(1, 4)",
        "select s.generate_series as g from generate_series(3, 1) as s",
        "select g from generate_series(timestamp '2024-01-31 00:00:00', timestamp '2024-02-02 12:00:00',"
                + " interval 6 hour) as t(g)",
        "select generate_series as d from generate_series(date '2024-02-27', date '2024-03-02', interval 1 day)",
        // ordered DISTINCT string_agg of varchar (PostgreSQL's string_agg casts it to text, which the ORDER BY must
        // name too) and of text
        "select grp, string_agg(distinct v, ',' order by v) as joined from words group by grp",
        "select grp, string_agg(distinct v, ', ' order by v desc) as joined, listagg(distinct w, '|' order by w)"
                + " as words from words group by grp",
        "select string_agg(distinct upper(v), ',' order by upper(v)) as joined from words",
        "select grp, string_agg(v, ',' order by v) as joined, min(v) as first, max(v) as last from words group by grp",
        // a DOUBLE rounded half away from zero, as DuckDB computes it: round(x * 10^n) / 10^n in double arithmetic
        // (1.005 * 100 is 100.49999999999999, 2.675 * 100 is 267.5; PostgreSQL's own round of a double is half to
        // even, and its cast to numeric keeps 15 digits)
        "select v, round(v, 2) as r2, round(v) as r0, round(v, 1) as r1 from (select cast(x as double) as v from"
                + " (values (1.005), (2.675), (-2.675), (0.5), (-0.5), (2.5), (0.49999999999999994), (1234.5678),"
                + " (null)) as t (x)) as s",
        "select grp, round(avg(length(w)), 2) as average_length from words group by grp",
        // without ORDER BY every row is a peer
        "select grp, w, rank() over (partition by grp) as r, dense_rank() over () as d,"
                + " percent_rank() over (partition by grp) as p, cume_dist() over () as c from words",
    })
    void aTranslatedQueryReturnsDuckDbsRowsOnPostgres(String sql) throws SQLException {
        DialectTranslation translation = TRANSLATOR.translate(sql, CATALOG);
        assertThat(translation.refusals()).as(sql).isEmpty();

        assertThat(rows(postgres, translation.sql())).as("rows of %s on PostgreSQL, translated as:%n%s", sql,
                translation.sql()).containsExactlyElementsOf(rows(duckDb, sql));
    }

    /** The rows as canonical text, sorted; TIMESTAMPTZ as instants. */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int count = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= count; column++) {
                    String type = result.getMetaData().getColumnTypeName(column).toLowerCase(Locale.ROOT);
                    if (type.equals("timestamptz") || type.contains("with time zone")) {
                        OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
                        row.add(time == null ? "NULL" : time.toInstant().toString());
                    } else if (type.startsWith("timestamp")) {
                        java.time.LocalDateTime time = result.getObject(column, java.time.LocalDateTime.class);
                        row.add(time == null ? "NULL" : time.toString());
                    } else {
                        Object value = result.getObject(column);
                        row.add(value == null ? "NULL" : "'" + value + "'");
                    }
                }
                rows.add(String.join(" | ", row));
            }
        }
        rows.sort(null);
        return rows;
    }
}
