package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuckDbQueryTest extends InMemoryDuckDb {
    private static final String EVERY_TYPE = "SELECT 'text' AS s, 42 AS i, 9000000000 AS b,"
            + " 170141183460469231731687303715884105727::HUGEINT AS h, 1.5::DOUBLE AS d, 0.1::FLOAT AS f,"
            + " 12.34::DECIMAL(12,2) AS n, true AS bo, DATE '2024-01-02' AS dt,"
            + " TIMESTAMP '2024-01-02 03:04:05.123456' AS ts, TIMESTAMPTZ '2024-01-02 03:04:05+02' AS tz,"
            + " TIME '03:04:05' AS tm, ['a', NULL, 'b'] AS l, {'x': 1, 'y': 'z'} AS st, MAP {'k': 7} AS m,"
            + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID AS u, '{\"a\": [1]}'::JSON AS j, '\\xAA\\x01'::BLOB AS bl,"
            + " 7::TINYINT AS ti, 'x'::ENUM('x', 'y') AS e, NULL::VARCHAR AS nothing";

    @Test
    void everyTypeComesBackAsPlainJava() {
        List<Object> row = Rows.of(session, EVERY_TYPE).get(0);

        assertThat(row.subList(0, 12)).containsExactly("text", 42, 9_000_000_000L,
                new BigInteger("170141183460469231731687303715884105727"), 1.5, 0.1, new BigDecimal("12.34"), true,
                LocalDate.of(2024, 1, 2), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
                OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC), LocalTime.of(3, 4, 5));
        assertThat(((OffsetDateTime) row.get(10)).toInstant()).isEqualTo(Instant.parse("2024-01-02T01:04:05Z"));
        assertThat(row.get(12)).isEqualTo(Arrays.asList("a", null, "b"));
        assertThat(row.get(13)).isEqualTo(Map.of("x", 1, "y", "z"));
        assertThat(row.get(14)).isEqualTo(Map.of("k", 7));
        assertThat(row.subList(15, 21)).containsExactly("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{\"a\": [1]}",
                new byte[] {(byte) 0xAA, 1}, 7, "x", null);
    }

    @Test
    void columnsCarryDuckDbTypeNames() {
        try (WarehouseCursor cursor = session.query(EVERY_TYPE)) {
            assertThat(cursor.columns()).extracting(WarehouseColumn::type).containsExactly("VARCHAR", "INTEGER",
                    "BIGINT", "HUGEINT", "DOUBLE", "FLOAT", "DECIMAL(12,2)", "BOOLEAN", "DATE", "TIMESTAMP",
                    "TIMESTAMP WITH TIME ZONE", "TIME", "VARCHAR[]", "STRUCT(x INTEGER, y VARCHAR)",
                    "MAP(VARCHAR, INTEGER)", "UUID", "JSON", "BLOB", "TINYINT", "ENUM('x', 'y')", "VARCHAR");
            assertThat(cursor.columns()).extracting(WarehouseColumn::name).startsWith("s", "i", "b");
        }
    }

    /** The build runs tests in a zone with DST, where java.sql.Timestamp shifts a time in the gap. */
    @Test
    void aTopLevelTimestampInTheJvmsDstGapKeepsItsWallClock() {
        assertThat(Rows.single(session, "SELECT TIMESTAMP '2024-03-10 02:30:00'"))
                .isEqualTo(LocalDateTime.of(2024, 3, 10, 2, 30));
        assertThat(Rows.single(session, "SELECT [TIMESTAMP '2024-07-01 12:00:00']"))
                .isEqualTo(List.of(LocalDateTime.of(2024, 7, 1, 12, 0)));
    }

    /** In New York 2026-11-01 ends daylight saving time at 06:00Z; the driver's own OffsetDateTime is an hour off after it. */
    @Test
    void aTimestampWithTimeZoneOnTheDayTheJvmsOffsetChangesIsTheSameInstant() {
        assertThat(Rows.single(session, "SELECT TIMESTAMPTZ '2026-11-01 09:08:08.123456+00'"))
                .isEqualTo(OffsetDateTime.of(2026, 11, 1, 9, 8, 8, 123_456_000, ZoneOffset.UTC));
        assertThat(Rows.single(session, "SELECT TIMESTAMPTZ '2026-03-08 07:30:00+00'"))
                .isEqualTo(OffsetDateTime.of(2026, 3, 8, 7, 30, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void timestampsWithTimeZoneComeBackInUtc() {
        assertThat(Rows.single(session, "SELECT {'at': TIMESTAMPTZ '2024-07-01 12:00:00+02'}"))
                .isEqualTo(Map.of("at", OffsetDateTime.of(2024, 7, 1, 10, 0, 0, 0, ZoneOffset.UTC)));
    }

    /** Models compute TIMESTAMPTZ as their PostgreSQL and Snowflake translations do: in UTC, whatever the machine's zone. */
    @Test
    void sessionsComputeTimestampsWithTimeZoneInUtc() {
        assertThat(Rows.single(session, "SELECT current_setting('TimeZone')")).isEqualTo("UTC");
        // a day later is 24 hours later, even over a daylight-saving change of the build's zone
        assertThat(Rows.single(session, "SELECT epoch(TIMESTAMPTZ '2024-03-09 12:00:00+00' + INTERVAL 1 DAY)"
                + " - epoch(TIMESTAMPTZ '2024-03-09 12:00:00+00')")).isEqualTo(86_400.0);
        assertThat(Rows.single(session, "SELECT CAST(TIMESTAMPTZ '2024-07-01 23:30:00+00' AS DATE)"))
                .isEqualTo(LocalDate.of(2024, 7, 1));
    }

    @Test
    void parametersBindInOrder() {
        List<Object> row = Rows.of(session,
                "SELECT ?::VARCHAR, ?::BIGINT + 1, ?::DECIMAL(10,2), ?::DATE, ?::TIMESTAMP, ?::TIMESTAMPTZ, ?::BOOLEAN",
                "a'b", 41L, new BigDecimal("1.25"), LocalDate.of(2024, 5, 6), LocalDateTime.of(2024, 5, 6, 7, 8, 9),
                Instant.parse("2024-05-06T07:08:09Z"), false).get(0);

        assertThat(row).containsExactly("a'b", 42L, new BigDecimal("1.25"), LocalDate.of(2024, 5, 6),
                LocalDateTime.of(2024, 5, 6, 7, 8, 9), row.get(5), false);
        assertThat(((OffsetDateTime) row.get(5)).toInstant()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
    }

    @Test
    void executeReturnsChangedRowsOrMinusOne() {
        assertThat(session.execute("CREATE TABLE t (i INTEGER)")).isEqualTo(-1);
        assertThat(session.execute("INSERT INTO t SELECT range FROM range(3)")).isEqualTo(3);
        assertThat(session.execute("UPDATE t SET i = i + 1 WHERE i > 0")).isEqualTo(2);
        assertThat(session.execute("DELETE FROM t")).isEqualTo(3);
    }

    @Test
    void errorsCarryDuckDbsMessageAndTheSql() {
        assertThatThrownBy(() -> session.execute("SELECT * FROM missing_table"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Table with name missing_table does not exist")
                .extracting(e -> ((WarehouseException) e).sql()).isEqualTo("SELECT * FROM missing_table");
        assertThatThrownBy(() -> session.query("SELECT ?::INTEGER", List.of("not a number")).next())
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("not a number");
    }

    @Test
    void getChecksTheColumnIndex() {
        try (WarehouseCursor cursor = session.query("SELECT 1")) {
            cursor.next();
            assertThatThrownBy(() -> cursor.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
