package dev.sluice.snowflake.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official driver against the fake: the protocol, strictness and Snowflake's answers. */
class FakeSnowflakeTest {
    private final FakeSnowflake fake = FakeSnowflake.start();

    @AfterEach
    void close() {
        fake.close();
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.put("user", "SLUICE");
        properties.put("password", "secret");
        properties.put("db", FakeSnowflake.DATABASE);
        properties.put("disablePlatformDetection", "true");
        properties.put("TIMEZONE", "UTC");
        properties.put("TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ");
        return new net.snowflake.client.api.driver.SnowflakeDriver().connect("jdbc:snowflake://127.0.0.1:" + fake.port()
                + "/?ssl=off&account=" + FakeSnowflake.ACCOUNT, properties);
    }

    @Test
    void theDriverLogsInQueriesAndReadsTypedValues() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists analytics");
            statement.execute("create or replace table analytics.users (user_id varchar, visits number(38,0),"
                    + " score float, active boolean, seen_at timestamp_ntz, born date, traits variant)");
            assertThat(statement.executeUpdate("insert into analytics.users select 'u1', 3, 1.5, true,"
                    + " '2026-11-05 10:30:00.123'::timestamp_ntz, '1990-01-02'::date, parse_json('{\"a\": 1}')")).isEqualTo(1);
            try (ResultSet rows = statement.executeQuery("select user_id, visits, score, active, seen_at, born, traits"
                    + " from analytics.users")) {
                assertThat(rows.getMetaData().getColumnName(1)).isEqualTo("USER_ID");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("u1");
                assertThat(rows.getLong(2)).isEqualTo(3);
                assertThat(rows.getDouble(3)).isEqualTo(1.5);
                assertThat(rows.getBoolean(4)).isTrue();
                assertThat(rows.getTimestamp(5).toLocalDateTime()).hasToString("2026-11-05T10:30:00.123");
                assertThat(rows.getDate(6).toLocalDate()).hasToString("1990-01-02");
                assertThat(rows.getString(7).replace(" ", "")).isEqualTo("{\"a\":1}");
                assertThat(rows.next()).isFalse();
            }
        }
        assertThat(fake.sql()).contains("insert into analytics.users select 'u1', 3, 1.5, true,"
                + " '2026-11-05 10:30:00.123'::timestamp_ntz, '1990-01-02'::date, parse_json('{\"a\": 1}')");
        assertThat(fake.protocolErrors()).isEmpty();
        assertThat(fake.logins()).singleElement().satisfies(login ->
                assertThat(login).containsEntry("session:TIMEZONE", "UTC").containsEntry("user", "SLUICE"));
    }

    @Test
    void bindsReachDuckDbInOrder() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("select ? || '-' || ?, ? + 1")) {
            statement.setString(1, "a");
            statement.setString(2, "b");
            statement.setLong(3, 41);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("a-b");
                assertThat(rows.getLong(2)).isEqualTo(42);
            }
        }
    }

    @Test
    void datesWithAFormatAndJsonPathsReadAsOnSnowflake() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select to_date('2026-11-26', 'YYYY-MM-DD'),"
                    + " to_timestamp_ntz('2026-11-26T10:30:00.25', 'YYYY-MM-DD\"T\"HH24:MI:SS.FF2'),"
                    + " to_json(get_path(parse_json('{\"a\": {\"b\": [\"x\", null]}}'), 'a.b[1]')),"
                    + " get_path(parse_json('{\"a\": 1}'), 'missing'),"
                    + " (select sum(k.kind) from (values (1), (2)) as k(kind)),"
                    + " json_extract_path_text('[{\"type\": \"Email\"}]', '[0].type'),"
                    + " (select array_to_string(array_sort(array_agg(v.x)), ', ') from (values ('b'), (null), ('a'))"
                    + " as v(x)), position('b' in 'abc'), position('z', 'abc')")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getDate(1).toLocalDate()).hasToString("2026-11-26");
                assertThat(rows.getTimestamp(2).toLocalDateTime()).hasToString("2026-11-26T10:30:00.250");
                assertThat(rows.getString(3)).as("a JSON null is a VARIANT null, not SQL NULL").isEqualTo("null");
                assertThat(rows.getString(4)).isNull();
                assertThat(rows.getLong(5)).as("an alias with column names is not a call").isEqualTo(3);
                assertThat(rows.getString(6)).isEqualTo("Email");
                assertThat(rows.getString(7)).as("ARRAY_AGG skips NULLs").isEqualTo("a, b");
                assertThat(java.util.List.of(rows.getLong(8), rows.getLong(9))).containsExactly(2L, 0L);
            }
            assertThatThrownBy(() -> statement.executeQuery("select to_date('26/11/2026', 'YYYY-MM-DD')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("Can't parse");
            assertThatThrownBy(() -> statement.executeQuery("select to_date('2026-11-26', 'AUTO')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("the format 'AUTO'");
            assertThatThrownBy(() -> statement.executeQuery("select get_path(parse_json('{}'), 'a b')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("GET_PATH path");
        }
    }

    @Test
    void whatTheFakeCannotRewriteIsAnErrorNotAGuess() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select regexp_replace('a', 'a', 'b')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("REGEXP_REPLACE");
            assertThatThrownBy(() -> statement.executeQuery("select count(*) filter (where true)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("FILTER");
            assertThatThrownBy(() -> statement.executeQuery("select 1 from \"lower\""))
                    .isInstanceOf(SQLException.class).hasMessageContaining("case-sensitive");
        }
    }

    @Test
    void ddlInsideATransactionCommitsItAsSnowflakeDoes() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create schema s");
            statement.execute("create table s.t (x number)");
            statement.execute("begin");
            statement.execute("insert into s.t values (1)");
            statement.execute("alter table s.t add column y varchar");
            statement.execute("rollback");
            try (ResultSet rows = statement.executeQuery("select count(*) from s.t")) {
                rows.next();
                assertThat(rows.getLong(1)).as("the ALTER committed the insert").isEqualTo(1);
            }
        }
    }

    @Test
    void anExpiredSessionTokenIsRenewedByTheDriver() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeQuery("select 1").close();
            fake.expireSessionTokens();
            try (ResultSet rows = statement.executeQuery("select 2")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
        assertThat(fake.renewals()).isEqualTo(1);
    }

    @Test
    void putCopiesTheFileIntoTheStageAndCopyLoadsItOnce(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("rows.csv");
        Files.writeString(file, "a,1\n\"b,c\",2\n,3\n");
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create schema raw");
            statement.execute("create stage raw.loads");
            statement.execute("create transient table raw.staged (name varchar, n number)");
            statement.execute("put 'file://" + file + "' @raw.loads auto_compress=true overwrite=true");
            String copy = "copy into raw.staged from @raw.loads files = ('rows.csv.gz')"
                    + " file_format = (type = csv field_optionally_enclosed_by = '\"') on_error = abort_statement";
            assertThat(statement.executeUpdate(copy)).isEqualTo(3);
            assertThat(statement.executeUpdate(copy)).as("loaded before: skipped").isZero();
            try (ResultSet rows = statement.executeQuery("select name, n from raw.staged order by n")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("a");
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("b,c");
                rows.next();
                assertThat(rows.getString(1)).isNull();
            }
        }
        assertThat(fake.protocolErrors()).isEmpty();
    }

    @Test
    void anUnqualifiedRenameTargetIsInTheSessionsSchemaAsOnSnowflake() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create schema analytics");
            statement.execute("create schema raw");
            statement.execute("use schema analytics");
            statement.execute("create table raw.a (x number)");
            assertThatThrownBy(() -> statement.execute("alter table raw.a rename to b"))
                    .hasMessageContaining("into schema ANALYTICS");
            statement.execute("alter table raw.a rename to raw.b");
            statement.executeQuery("select x from raw.b").close();
        }
    }
}
