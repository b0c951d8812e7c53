package dev.sluice.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresWarehouseTest {
    private Warehouse warehouse;

    @BeforeEach
    void open() {
        warehouse = Warehouses.open("postgres", PostgresTestServer.newDatabase());
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void copiesRowsOfEveryTypeAndReadsThemBack() {
        RelationName table = new RelationName("raw", "events");
        try (WarehouseSession session = warehouse.openSession()) {
            session.createSchema("raw");
            session.execute("create table raw.events (id bigint, name text, amount numeric(12,2), ok boolean,"
                    + " day date, at timestamp, props jsonb, note text)");
            long copied = session.append(table, List.of(
                    Arrays.asList(1L, "a \"quoted\", comma\nnewline", new BigDecimal("12.50"), true,
                            LocalDate.of(2024, 3, 10), Instant.parse("2024-03-10T07:30:00Z"),
                            "{\"plan\": \"pro\", \"n\": 1}", ""),
                    Arrays.asList(2L, null, null, null, null, LocalDateTime.of(2024, 3, 10, 2, 30), Map.of("k", 1), null))
                    .iterator());
            assertThat(copied).isEqualTo(2);
            List<List<Object>> rows = rows(session, "select id, name, amount, ok, day, at, props->>'plan', note,"
                    + " props->>'k' from raw.events order by id");
            assertThat(rows.get(0)).containsExactly(1L, "a \"quoted\", comma\nnewline", new BigDecimal("12.50"), true,
                    LocalDate.of(2024, 3, 10), LocalDateTime.of(2024, 3, 10, 7, 30), "pro", "", null);
            // 02:30 on 2024-03-10 does not exist in New York (the tests' zone): it must come back unchanged
            assertThat(rows.get(1)).containsExactly(2L, null, null, null, null, LocalDateTime.of(2024, 3, 10, 2, 30),
                    null, null, "1");
        }
    }

    @Test
    void pointsInTimeReadBackAsInstantsFromColumnsAndExpressions() {
        try (WarehouseSession session = warehouse.openSession()) {
            session.execute("create table public.seen (at timestamptz)");
            session.execute("insert into public.seen values (timestamptz '2026-03-01 12:00:00+02')");
            try (WarehouseCursor cursor = session.query("select at, at + interval '1 hour' as later, current_timestamp"
                    + " as now from public.seen")) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.get(0)).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
                assertThat(cursor.get(1)).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
                assertThat(cursor.get(2)).isInstanceOf(Instant.class);
            }
        }
    }

    @Test
    void badRowNamesTheLineAndKeepsNothingInATransaction() {
        try (WarehouseSession session = warehouse.openSession()) {
            session.execute("create table public.numbers (n bigint)");
            session.begin();
            assertThatThrownBy(() -> session.append(new RelationName("public", "numbers"),
                    List.of(List.of(1L), List.of("x")).iterator()))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("invalid input syntax for type bigint")
                    .hasMessageContaining("line 2");
            session.rollback();
            assertThat(rows(session, "select count(*) from public.numbers")).containsExactly(List.of(0L));
        }
    }

    @Test
    void ddlRollsBackWithTheTransaction() {
        try (WarehouseSession session = warehouse.openSession()) {
            session.execute("create table public.kept as select 1 as n");
            session.begin();
            session.execute("drop table public.kept");
            session.execute("create table public.other as select 2 as n");
            session.rollback();
            assertThat(session.describe(new RelationName("public", "kept"))).isPresent();
            assertThat(session.describe(new RelationName("public", "other"))).isEmpty();
        }
    }

    @Test
    void describesManyRelationsInOneQuery() {
        try (WarehouseSession session = warehouse.openSession()) {
            session.createSchema("Mixed Case");
            session.execute("create table \"Mixed Case\".\"Users\" (\"Id\" bigint not null, email text)");
            session.execute("create view public.v as select 1 as one");
            Map<RelationName, ?> found = session.describeAll(List.of(new RelationName("Mixed Case", "Users"),
                    new RelationName("public", "v"), new RelationName("public", "missing")));
            assertThat(found).containsOnlyKeys(new RelationName("Mixed Case", "Users"), new RelationName("public", "v"));
            var users = session.describe(new RelationName("Mixed Case", "Users")).orElseThrow();
            assertThat(users.kind()).isEqualTo(RelationKind.TABLE);
            assertThat(users.columns()).containsExactly(new WarehouseColumn("Id", "bigint", false),
                    new WarehouseColumn("email", "text", true));
            assertThat(session.describe(new RelationName("public", "v")).orElseThrow().kind()).isEqualTo(RelationKind.VIEW);
        }
    }

    @Test
    void sessionsRunInUtcAndUnqualifiedNamesFindTheTargetSchema() {
        Map<String, String> settings = new HashMap<>(PostgresTestServer.newDatabase());
        settings.put("schema", "analytics");
        try (Warehouse analytics = Warehouses.open("postgres", settings);
                WarehouseSession session = analytics.openSession()) {
            session.createSchema("analytics");
            session.execute("create table analytics.t as select 7 as n");
            assertThat(rows(session, "select n from t")).containsExactly(List.of(7));
            assertThat(rows(session, "show timezone")).containsExactly(List.of("UTC"));
        }
    }

    @Test
    void wrongSettingsAreNamedWithoutThePassword() {
        assertThatThrownBy(() -> Warehouses.open("postgres", Map.of("host", "127.0.0.1", "database", "x",
                "pool_size", "0"))).hasMessageContaining("pool_size");
        assertThatThrownBy(() -> Warehouses.open("postgres", Map.of("database", "x")))
                .hasMessageContaining("'host' is required");
        assertThatThrownBy(() -> Warehouses.open("postgres", Map.of("host", "127.0.0.1", "port", "1", "database", "x",
                "user", "u", "password", "s3cret-pw")))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/x")
                .message().doesNotContain("s3cret-pw");
    }

    static List<List<Object>> rows(WarehouseSession session, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (WarehouseCursor cursor = session.query(sql)) {
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (int index = 0; index < cursor.columns().size(); index++) {
                    row.add(cursor.get(index));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
