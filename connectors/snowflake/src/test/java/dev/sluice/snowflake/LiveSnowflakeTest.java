package dev.sluice.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector against a real Snowflake account, when {@code SNOWFLAKE_ACCOUNT}, {@code SNOWFLAKE_USER},
 * {@code SNOWFLAKE_DATABASE} and a credential ({@code SNOWFLAKE_PASSWORD} or {@code SNOWFLAKE_PRIVATE_KEY},
 * with {@code SNOWFLAKE_PRIVATE_KEY_PASSPHRASE}) are set; {@code SNOWFLAKE_WAREHOUSE} and
 * {@code SNOWFLAKE_ROLE} are optional. It works in a schema of its own and drops it afterwards.
 * Without the variables it prints that it was skipped.
 */
class LiveSnowflakeTest {
    private static Warehouse warehouse;
    private static String schema;

    @BeforeAll
    static void connect() {
        Map<String, String> env = System.getenv();
        boolean configured = env.containsKey("SNOWFLAKE_ACCOUNT") && env.containsKey("SNOWFLAKE_USER")
                && env.containsKey("SNOWFLAKE_DATABASE")
                && (env.containsKey("SNOWFLAKE_PASSWORD") || env.containsKey("SNOWFLAKE_PRIVATE_KEY"));
        if (!configured) {
            System.out.println("LiveSnowflakeTest skipped: set SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, SNOWFLAKE_DATABASE and"
                    + " SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY to run it against a real account");
        }
        assumeTrue(configured, "SNOWFLAKE_ACCOUNT and the other variables are not set");
        schema = "sluice_live_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, String> settings = new HashMap<>();
        settings.put("account", env.get("SNOWFLAKE_ACCOUNT"));
        settings.put("user", env.get("SNOWFLAKE_USER"));
        settings.put("database", env.get("SNOWFLAKE_DATABASE"));
        settings.put("schema", schema);
        copy(env, settings, "SNOWFLAKE_WAREHOUSE", "warehouse");
        copy(env, settings, "SNOWFLAKE_ROLE", "role");
        copy(env, settings, "SNOWFLAKE_PRIVATE_KEY", "private_key");
        copy(env, settings, "SNOWFLAKE_PRIVATE_KEY_PASSPHRASE", "private_key_passphrase");
        if (!settings.containsKey("private_key")) {
            copy(env, settings, "SNOWFLAKE_PASSWORD", "password");
        }
        warehouse = Warehouses.open("snowflake", settings);
    }

    private static void copy(Map<String, String> env, Map<String, String> settings, String variable, String setting) {
        if (env.get(variable) != null && !env.get(variable).isBlank()) {
            settings.put(setting, env.get(variable));
        }
    }

    @AfterAll
    static void dropSchema() {
        if (warehouse != null) {
            try (WarehouseSession session = warehouse.openSession()) {
                session.execute("drop schema if exists " + schema);
            }
            warehouse.close();
        }
    }

    @Test
    void tablesViewsAppendsAndTheCatalogWork() {
        RelationName events = new RelationName(schema, "events");
        RelationName recent = new RelationName(schema, "recent");
        try (WarehouseSession session = warehouse.openSession()) {
            session.tag("live-test", "events", "live");
            session.execute(warehouse.sqlDialect().createOrReplaceTableAs(events,
                    "select 'm1' as message_id, parse_json('{\"a\": 1}') as properties,"
                            + " '2026-11-05 10:00:00'::timestamp_ntz as received_at"));
            session.execute(warehouse.sqlDialect().createOrReplaceView(recent,
                    "select message_id from " + warehouse.sqlDialect().relation(events)));
            assertThat(session.append(events, List.of(List.of("m2", "{\"b\": 2}",
                    LocalDateTime.of(2026, 11, 6, 8, 30))).iterator())).isEqualTo(1);
            Map<RelationName, dev.sluice.spi.WarehouseRelation> found = session.describeAll(List.of(events, recent));
            assertThat(found.get(recent).kind()).isEqualTo(RelationKind.VIEW);
            assertThat(found.get(events).columns()).extracting(WarehouseColumn::name)
                    .containsExactly("message_id", "properties", "received_at");
            assertThat(found.get(events).columns().get(1).type().toUpperCase(Locale.ROOT)).isEqualTo("VARIANT");
            try (WarehouseCursor cursor = session.query("select received_at from " + warehouse.sqlDialect().relation(events)
                    + " where message_id = ?", List.of("m2"))) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.get(0)).isEqualTo(LocalDateTime.of(2026, 11, 6, 8, 30));
            }
        }
    }

    @Test
    void theIncrementalMergeKeepsDuplicateKeysAndBulkAppendedJsonIsJson() {
        var dialect = warehouse.sqlDialect();
        RelationName target = new RelationName(schema, "merged");
        RelationName staged = new RelationName(schema, "merged__sluice_incr");
        try (WarehouseSession session = warehouse.openSession()) {
            session.execute(dialect.createOrReplaceTableAs(target, "select 1 as id, 'old' as v, parse_json('{}') as doc"));
            dialect.replaceScratchTable(staged, "select 1 as id, 'new' as v, parse_json('{}') as doc union all"
                    + " select 1, 'newer', parse_json('{}') union all select null, 'no key', parse_json('{}')")
                    .forEach(session::execute);
            dialect.mergeOnKey(target, staged, List.of("id"), List.of("id", "v", "doc")).forEach(session::execute);
            session.execute(dialect.dropTableIfExists(staged));
            assertThat(session.append(target, List.of(List.of(2, "two", "{\"b\": [1, 2]}")).iterator())).isEqualTo(1);
            try (WarehouseCursor cursor = session.query("select id, v, doc:b[1]::int from " + dialect.relation(target)
                    + " order by id nulls first, v")) {
                List<List<Object>> rows = new java.util.ArrayList<>();
                while (cursor.next()) {
                    rows.add(java.util.Arrays.asList(cursor.get(0) == null ? null : ((Number) cursor.get(0)).longValue(),
                            cursor.get(1), cursor.get(2) == null ? null : ((Number) cursor.get(2)).longValue()));
                }
                assertThat(rows).containsExactly(java.util.Arrays.asList(null, "no key", null),
                        java.util.Arrays.asList(1L, "new", null), java.util.Arrays.asList(1L, "newer", null),
                        java.util.Arrays.asList(2L, "two", 2L));
            }
        }
    }
}
