package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DuckDbAppendTest extends InMemoryDuckDb {
    private static final RelationName EVENTS = new RelationName("main", "events");

    @BeforeEach
    void createTable() {
        session.execute("CREATE TABLE events (id BIGINT NOT NULL, n INTEGER, label VARCHAR, amount DECIMAL(12,2),"
                + " score DOUBLE, flag BOOLEAN, day DATE, seen TIMESTAMP, seen_tz TIMESTAMPTZ)");
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void appendsAHundredThousandRows() {
        Iterator<List<Object>> rows = LongStream.range(0, 100_000)
                .mapToObj(i -> row(i, (int) i % 7, "event " + i, BigDecimal.valueOf(i, 2), i / 2.0, i % 2 == 0,
                        LocalDate.of(2024, 1, 1).plusDays(i % 365), LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i),
                        Instant.ofEpochSecond(1_700_000_000L + i)))
                .iterator();

        assertThat(session.append(EVENTS, rows)).isEqualTo(100_000);

        assertThat(Rows.of(session, "SELECT count(*), sum(id), sum(amount), count(*) FILTER (WHERE flag),"
                + " max(seen), max(seen_tz) FROM events").get(0)).containsExactly(100_000L,
                new java.math.BigInteger("4999950000"), new BigDecimal("49999500.00"), 50_000L,
                LocalDateTime.of(2024, 1, 2, 3, 46, 39), OffsetDateTime.ofInstant(Instant.ofEpochSecond(1_700_099_999L), ZoneOffset.UTC));
    }

    @Test
    void appendsNullsAndConvertsWithoutLoss() {
        session.append(EVENTS, List.of(
                row(1, null, null, null, null, null, null, null, null),
                row(2L, 3L, "x", 4, 1.25f, true, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 12, 0),
                        OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.ofHours(2))),
                row(3, 1, "y", 1.255, 2, false, null, null, null)).iterator());

        assertThat(Rows.of(session, "SELECT * FROM events ORDER BY id")).containsExactly(
                row(1L, null, null, null, null, null, null, null, null),
                row(2L, 3, "x", new BigDecimal("4.00"), 1.25, true, LocalDate.of(2024, 2, 29),
                        LocalDateTime.of(2024, 2, 29, 12, 0), OffsetDateTime.of(2024, 2, 29, 10, 0, 0, 0, ZoneOffset.UTC)),
                row(3L, 1, "y", new BigDecimal("1.26"), 2.0, false, null, null, null));
    }

    @Test
    void aWallClockTimeInTheJvmsDstGapIsAppendedAsWritten() {
        LocalDateTime inTheGap = LocalDateTime.of(2024, 3, 10, 2, 30);
        session.append(EVENTS, List.of(row(1, null, null, null, null, null, null, inTheGap, null)).iterator());

        assertThat(Rows.single(session, "SELECT seen FROM events")).isEqualTo(inTheGap);
        assertThat(Rows.single(session, "SELECT seen = ? FROM events", inTheGap)).isEqualTo(true);
    }

    @Test
    void aBadRowIsNamedAndTheRowsBeforeItAreKept() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 12_345; i++) {
            rows.add(row(i, i, "ok", null, null, null, null, null, null));
        }
        rows.add(row(12_346, "not a number", "bad", null, null, null, null, null, null));

        assertThatThrownBy(() -> session.append(EVENTS, rows.iterator()))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("row 12346")
                .hasMessageContaining("column n (INTEGER)")
                .hasMessageContaining("String 'not a number'");
        assertThat(Rows.single(session, "SELECT count(*) FROM events")).isEqualTo(12_345L);
    }

    @Test
    void refusesWhatWouldLoseData() {
        assertThatThrownBy(() -> session.append(EVENTS, List.of(row(1, 3_000_000_000L, null, null, null, null, null,
                null, null)).iterator())).hasMessageContaining("row 1").hasMessageContaining("out of range for INTEGER");
        assertThatThrownBy(() -> session.append(EVENTS, List.of(row(1, 1.5, null, null, null, null, null, null,
                null)).iterator())).hasMessageContaining("Double '1.5' does not fit a INTEGER column");
        assertThatThrownBy(() -> session.append(EVENTS, List.of(row(1, null, null, new BigDecimal("1e11"), null, null,
                null, null, null)).iterator())).hasMessageContaining("out of range for DECIMAL(12,2)");
        assertThatThrownBy(() -> session.append(EVENTS, List.of(row(null, null, null, null, null, null, null, null,
                null)).iterator())).hasMessageContaining("column id (BIGINT): NULL in a NOT NULL column");
        assertThatThrownBy(() -> session.append(EVENTS, List.of(row(1, 2)).iterator()))
                .hasMessageContaining("row 1").hasMessageContaining("has 2 values, the table has 9 columns");
        assertThat(Rows.single(session, "SELECT count(*) FROM events")).isEqualTo(0L);
    }

    @Test
    void aConstraintDuckDbChecksAtFlushNamesTheBatch() {
        session.execute("CREATE TABLE keyed (id INTEGER PRIMARY KEY)");
        session.execute("INSERT INTO keyed VALUES (5)");

        assertThatThrownBy(() -> session.append(new RelationName("main", "keyed"),
                List.of(row(4), row(5), row(6)).iterator()))
                .hasMessageContaining("rows 1 to 3")
                .hasMessageContaining("main.keyed");
    }

    @Test
    void refusesMissingTablesAndViews() {
        session.execute("CREATE VIEW v AS SELECT 1 AS one");

        assertThatThrownBy(() -> session.append(new RelationName("main", "nope"), List.<List<Object>>of().iterator()))
                .hasMessage("cannot append to main.nope: no such table");
        assertThatThrownBy(() -> session.append(new RelationName("main", "v"), List.of(row(1)).iterator()))
                .hasMessageContaining("it is a VIEW");
    }

    @Test
    void appendsListsUuidsAndBlobs() {
        session.execute("CREATE TABLE misc (tags VARCHAR[], id UUID, payload BLOB, big HUGEINT)");

        session.append(new RelationName("main", "misc"), List.of(row(List.of("a", "b"),
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", new byte[] {1, 2}, new java.math.BigInteger("2").pow(100)))
                .iterator());

        assertThat(Rows.of(session, "SELECT * FROM misc").get(0)).containsExactly(List.of("a", "b"),
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", new byte[] {1, 2}, new java.math.BigInteger("2").pow(100));
    }
}
