package dev.sluice.conformance;

import dev.sluice.snowflake.fake.FakeSnowflake;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite on Snowflake, through the official JDBC driver against the fake of Snowflake's
 * protocol ({@link FakeSnowflake}), started once for the class; each test starts from an empty database
 * (every schema the previous test made is dropped behind the fake). Snowflake commits an open transaction
 * before DDL, so a table swap cannot be one transaction; models read JSON with {@code :} paths, not
 * {@code ->>}; model unit tests, which run the model's SQL on a local DuckDB, cannot run Snowflake SQL; and a
 * table model's rows are not counted (Snowflake answers its {@code create table ... as} with a status line).
 */
class SnowflakeConformanceTest extends BaseWarehouseConformanceTest {
    private static FakeSnowflake fake;

    @BeforeAll
    static void startFake() {
        fake = FakeSnowflake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Override
    protected Map<String, String> newTarget(Path directory) {
        dropEverySchema();
        Map<String, String> target = new HashMap<>(fake.targetSettings());
        target.put("password", "secret");
        return target;
    }

    @Override
    protected String dialect() {
        return "snowflake";
    }

    @Override
    protected boolean hasBehavior(ConnectorBehavior behavior) {
        return switch (behavior) {
            case JSON_ARROW_ACCESS, TRANSACTIONAL_DDL, UNIT_TESTS_ON_LOCAL_DUCKDB, TABLE_ROW_COUNTS -> false;
            default -> super.hasBehavior(behavior);
        };
    }

    private static void dropEverySchema() {
        try (Connection duckDb = fake.duckDb(); Statement statement = duckDb.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select schema_name from information_schema.schemata"
                    + " where catalog_name = current_database() and schema_name not in"
                    + " ('main', 'information_schema', 'pg_catalog', 'FAKE_INFORMATION_SCHEMA')")) {
                while (rows.next()) {
                    schemas.add(rows.getString(1));
                }
            }
            for (String schema : schemas) {
                statement.execute("drop schema \"" + schema + "\" cascade");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the fake's database", e);
        }
    }
}
