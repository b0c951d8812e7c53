package dev.sluice.snowflake.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one flatten the fake runs (recursive, lateral) with {@code TYPEOF}, and every other flatten refused. */
class FakeFlattenTest {
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
        return new net.snowflake.client.api.driver.SnowflakeDriver().connect("jdbc:snowflake://127.0.0.1:" + fake.port()
                + "/?ssl=off&account=" + FakeSnowflake.ACCOUNT, properties);
    }

    @Test
    void aRecursiveLateralFlattenGivesEveryElementWithItsPathAndType() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists raw");
            statement.execute("create or replace table raw.docs (id number(38,0), doc variant)");
            statement.execute("insert into raw.docs select 1, parse_json('{\"a\": {\"b c\": [1, {\"d\": true}]},"
                    + " \"e\": 1.5, \"f\": null, \"g\": {}, \"h\": \"x\"}')");
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("select f.path, typeof(f.value), to_json(f.value) from raw.docs,"
                    + " lateral flatten(input => docs.doc, recursive => true) as f order by f.path")) {
                while (result.next()) {
                    rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
                }
            }
            assertThat(rows).containsExactly("a OBJECT {\"b c\":[1,{\"d\":true}]}", "a.\"b c\" ARRAY [1,{\"d\":true}]",
                    "a.\"b c\"[0] INTEGER 1", "a.\"b c\"[1] OBJECT {\"d\":true}", "a.\"b c\"[1].d BOOLEAN true",
                    "e DOUBLE 1.5", "f NULL_VALUE null", "g OBJECT {}", "h VARCHAR \"x\"");
        }
    }

    @Test
    void anyOtherFlattenIsAnError() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists raw");
            statement.execute("create or replace table raw.docs (doc variant)");
            for (String flatten : List.of("flatten(input => docs.doc)", "flatten(docs.doc, recursive => true)",
                    "flatten(input => docs.doc, recursive => false)", "flatten(input => docs.doc, outer => true)")) {
                assertThatThrownBy(() -> statement.executeQuery("select f.value from raw.docs, lateral " + flatten + " f"))
                        .as(flatten).isInstanceOf(SQLException.class).hasMessageContaining("FLATTEN");
            }
            assertThatThrownBy(() -> statement.executeQuery("select f.value from raw.docs,"
                    + " table(flatten(input => docs.doc, recursive => true)) f"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("FLATTEN");
            assertThatThrownBy(() -> statement.executeQuery("select f.index from raw.docs,"
                    + " lateral flatten(input => docs.doc, recursive => true) f"))
                    .isInstanceOf(SQLException.class);
        }
    }
}
