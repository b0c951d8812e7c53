package dev.sluice.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.snowflake.fake.FakeFailure;
import dev.sluice.snowflake.fake.FakeSnowflake;
import dev.sluice.snowflake.fake.RecordedStatement;
import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector through the real driver against the fake: settings, SQL sent, retries, identifiers. */
class SnowflakeWarehouseTest {
    private final FakeSnowflake fake = FakeSnowflake.start();

    @AfterEach
    void close() {
        fake.close();
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(fake.targetSettings());
        settings.put("password", "secret");
        settings.put("schema", "analytics");
        return settings;
    }

    @Test
    void theFactoryIsFoundByTypeAndSetsTheSessionUpAtLogin() {
        try (Warehouse warehouse = Warehouses.open("snowflake", settings())) {
            assertThat(warehouse.dialect()).isEqualTo("snowflake");
            assertThat(warehouse.defaultSchema()).isEqualTo("analytics");
        }
        assertThat(fake.sql()).containsExactly("create schema if not exists analytics");
        assertThat(fake.logins()).singleElement().satisfies(login -> assertThat(login)
                .containsEntry("session:TIMEZONE", "UTC")
                .containsEntry("session:TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ")
                .containsEntry("session:WEEK_START", "1")
                .containsEntry("session:STATEMENT_TIMEOUT_IN_SECONDS", "3600")
                .containsEntry("warehouse", "TRANSFORMING")
                .containsEntry("roleName", "TRANSFORMER"));
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        Map<String, String> settings = settings();
        settings.put("password", "hunter2-wrong");
        assertThatThrownBy(() -> Warehouses.open("snowflake", settings))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Incorrect username or password")
                .hasMessageNotContaining("hunter2-wrong");
    }

    @Test
    void exactlyOneCredentialIsRequired() {
        Map<String, String> settings = settings();
        settings.put("oauth_token", "abc");
        assertThatThrownBy(() -> Warehouses.open("snowflake", settings))
                .hasMessageContaining("set exactly one of password, private_key_path, private_key")
                .hasMessageContaining("found password and oauth_token")
                .hasMessageNotContaining("secret").hasMessageNotContaining("abc");
    }

    @Test
    void keyPairFromAFileOrFromPemTextAndOAuthLogIn(@TempDir Path directory) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        fake.withPublicKey("SLUICE", keys.getPublic()).withOAuthToken("SLUICE", "oauth-access-token");
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Path keyFile = Files.writeString(directory.resolve("rsa_key.p8"), pem);
        for (Map.Entry<String, String> credential : List.of(Map.entry("private_key_path", keyFile.toString()),
                Map.entry("private_key", pem), Map.entry("oauth_token", "oauth-access-token"))) {
            Map<String, String> settings = settings();
            settings.remove("password");
            settings.put(credential.getKey(), credential.getValue());
            try (Warehouse warehouse = Warehouses.open("snowflake", settings)) {
                assertThat(warehouse.dialect()).as(credential.getKey()).isEqualTo("snowflake");
            }
        }
        assertThat(fake.logins()).hasSize(3);
    }

    @Test
    void everyStatementCarriesTheQueryTagOfTheModelAndRun() {
        try (Warehouse warehouse = Warehouses.open("snowflake", settings());
                WarehouseSession session = warehouse.openSession()) {
            session.tag("quickstart", "users", "run-1");
            session.execute("create or replace table analytics.users as select 1 as id");
            try (WarehouseCursor cursor = session.query("select id from analytics.users")) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.columns()).extracting(WarehouseColumn::name).containsExactly("id");
                assertThat(cursor.get(0)).isEqualTo(1L);
            }
        }
        List<RecordedStatement> statements = fake.statements();
        assertThat(statements.get(statements.size() - 1).queryTag())
                .isEqualTo("{\"tool\":\"sluice\",\"project\":\"quickstart\",\"model\":\"users\",\"run_id\":\"run-1\"}");
        assertThat(statements.get(statements.size() - 2).queryTag()).contains("\"model\":\"users\"");
    }

    @Test
    void describeAllReadsTheCatalogOnceASchemaInLowerCase() {
        try (Warehouse warehouse = Warehouses.open("snowflake", settings());
                WarehouseSession session = warehouse.openSession()) {
            session.execute("create table analytics.events (message_id varchar not null, revenue number(12,2),"
                    + " n number, score float, seen_at timestamp_ntz, properties variant)");
            session.execute("create view analytics.recent as select message_id from analytics.events");
            fake.clearRecording();
            Map<RelationName, WarehouseRelation> found = session.describeAll(List.of(
                    new RelationName("analytics", "events"), new RelationName("analytics", "recent"),
                    new RelationName("analytics", "missing")));
            assertThat(found).containsOnlyKeys(new RelationName("analytics", "events"),
                    new RelationName("analytics", "recent"));
            assertThat(found.get(new RelationName("analytics", "recent")).kind()).isEqualTo(RelationKind.VIEW);
            assertThat(found.get(new RelationName("analytics", "events")).columns()).containsExactly(
                    new WarehouseColumn("message_id", "VARCHAR", false),
                    new WarehouseColumn("revenue", "NUMBER(12,2)", true),
                    new WarehouseColumn("n", "NUMBER(38,0)", true),
                    new WarehouseColumn("score", "DOUBLE", true),
                    new WarehouseColumn("seen_at", "TIMESTAMP_NTZ", true),
                    new WarehouseColumn("properties", "VARIANT", true));
        }
        assertThat(fake.sql()).containsExactly("""
                select c.table_name, t.table_type, c.column_name, c.data_type, c.numeric_precision, c.numeric_scale,\
                 c.is_nullable, t.row_count
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'ANALYTICS' and c.table_name in ('EVENTS', 'RECENT', 'MISSING')
                order by c.table_name, c.ordinal_position""");
    }

    @Test
    void appendSendsGzippedCsvByPutAndLoadsItWithOneCopyParsingJson() {
        try (Warehouse warehouse = Warehouses.open("snowflake", settings());
                WarehouseSession session = warehouse.openSession()) {
            session.execute("create table analytics.seen (id varchar, day date, seen_at timestamp_ntz, props variant,"
                    + " note varchar)");
            fake.clearRecording();
            long appended = session.append(new RelationName("analytics", "seen"), List.of(
                    List.of("it's", LocalDate.of(2026, 11, 5), LocalDateTime.of(2026, 11, 5, 10, 0, 1), "{\"a\":1}",
                            "a \"quoted\", two-line\nnote"),
                    java.util.Arrays.asList("b\\c", null, null, null, ""),
                    java.util.Arrays.asList("c", null, null, null, "\\N")).iterator());
            assertThat(appended).isEqualTo(3);
            try (WarehouseCursor cursor = session.query("select id, day, seen_at, json_extract_path_text(props, 'a'),"
                    + " note from analytics.seen order by id")) {
                assertThat(cursor.next()).isTrue();
                assertThat(java.util.Arrays.asList(cursor.get(0), cursor.get(3), cursor.get(4)))
                        .as("NULL stays NULL and an empty string stays empty").containsExactly("b\\c", null, "");
                assertThat(cursor.get(1)).isNull();
                assertThat(cursor.next()).isTrue();
                assertThat(java.util.Arrays.asList(cursor.get(0), cursor.get(4))).as("a text \\N is text, not NULL")
                        .containsExactly("c", "\\N");
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.get(0)).isEqualTo("it's");
                assertThat(cursor.get(1)).isEqualTo(LocalDate.of(2026, 11, 5));
                assertThat(cursor.get(2)).isEqualTo(LocalDateTime.of(2026, 11, 5, 10, 0, 1));
                assertThat(cursor.get(3)).isEqualTo("1");
                assertThat(cursor.get(4)).isEqualTo("a \"quoted\", two-line\nnote");
            }
        }
        List<String> sent = fake.sql();
        assertThat(sent.get(1)).startsWith("put 'file://").contains(".csv.gz' @~/sluice/")
                .endsWith("/ auto_compress = false source_compression = gzip overwrite = true");
        assertThat(sent.get(2)).startsWith("copy into analytics.seen (id, day, seen_at, props, note)\n"
                + "from (select $1, $2, $3, parse_json($4), $5 from @~/sluice/").contains("files = ('part-00000.csv.gz')")
                .endsWith("file_format = (type = csv field_optionally_enclosed_by = '\"' empty_field_as_null = true"
                        + " compression = gzip)\n"
                        + "on_error = abort_statement purge = true");
        assertThat(sent).as("the columns, one PUT, one COPY, the query").hasSize(4);
    }

    @Test
    void aWallClockTimeInADaylightSavingGapOfTheJvmZoneReadsBackUnchanged() {
        try (Warehouse warehouse = Warehouses.open("snowflake", settings());
                WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query("select '2026-03-08 02:30:00'::timestamp_ntz")) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.get(0)).isEqualTo(LocalDateTime.of(2026, 3, 8, 2, 30));
        }
    }

    @Test
    void aNameThatNeedsQuotesIsRefusedWithTheReason() {
        try (Warehouse warehouse = Warehouses.open("snowflake", settings())) {
            assertThat(warehouse.quote("users")).isEqualTo("users");
            assertThat(warehouse.quote("order")).isEqualTo("\"ORDER\"");
            assertThatThrownBy(() -> warehouse.quote("Order Items"))
                    .hasMessageContaining("needs quotes on Snowflake").hasMessageContaining("order_items");
        }
    }

    @Test
    void anExpiredLoginLogsInAgainAndSendsTheStatementAgain() {
        try (Warehouse warehouse = Warehouses.open("snowflake", settings());
                WarehouseSession session = warehouse.openSession()) {
            session.execute("create table analytics.t (x number)");
            fake.expireMasterTokens();
            assertThat(session.execute("insert into analytics.t values (1)")).isEqualTo(1);
        }
        assertThat(fake.logins()).hasSize(3);
        assertThat(fake.statements()).filteredOn(statement -> statement.sql().startsWith("insert"))
                .as("refused before it ran, then sent once on the new session").singleElement()
                .satisfies(insert -> assertThat(insert.succeeded()).isTrue());
    }

    @Test
    void aWriteThatMayHaveCommittedIsNotSentAgainButAReadIs() {
        try (Warehouse warehouse = Warehouses.open("snowflake", settings());
                WarehouseSession session = warehouse.openSession()) {
            session.execute("create table analytics.t (x number)");
            fake.failNext(FakeFailure.internalErrorAfterRunning(sql -> sql.startsWith("insert")));
            assertThatThrownBy(() -> session.execute("insert into analytics.t values (1)"))
                    .hasMessageContaining("may have committed, so Sluice did not send it again");
            fake.failNext(FakeFailure.internalErrorAfterRunning(sql -> sql.startsWith("select")));
            try (WarehouseCursor cursor = session.query("select count(*) from analytics.t")) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.get(0)).as("the insert did run once").isEqualTo(1L);
            }
        }
        assertThat(fake.statements()).filteredOn(statement -> statement.sql().startsWith("insert")).hasSize(1);
        assertThat(fake.statements()).filteredOn(statement -> statement.sql().startsWith("select count")).hasSize(2);
    }

    @Test
    void transactionsAreExplicitStatements() {
        try (Warehouse warehouse = Warehouses.open("snowflake", settings());
                WarehouseSession session = warehouse.openSession()) {
            session.execute("create table analytics.t (x number)");
            session.begin();
            session.execute("insert into analytics.t values (1)");
            session.rollback();
            try (WarehouseCursor cursor = session.query("select count(*) from analytics.t")) {
                cursor.next();
                assertThat(cursor.get(0)).isEqualTo(0L);
            }
        }
        assertThat(fake.sql()).containsSubsequence("begin", "insert into analytics.t values (1)", "rollback");
    }
}
