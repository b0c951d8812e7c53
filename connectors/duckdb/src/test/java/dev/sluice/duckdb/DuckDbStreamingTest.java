package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.WarehouseCursor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DuckDbStreamingTest extends InMemoryDuckDb {
    @Test
    void readsAMillionRowsOneAtATime() {
        long count = 0;
        long sum = 0;
        try (WarehouseCursor cursor = session.query("SELECT range AS n, 'row ' || range AS label FROM range(1000000)")) {
            while (cursor.next()) {
                sum += (Long) cursor.get(0);
                count++;
            }
        }
        assertThat(count).isEqualTo(1_000_000);
        assertThat(sum).isEqualTo(999_999L * 1_000_000 / 2);
    }

    /** Materializing ten billion rows would take minutes and far more memory than a test has. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void firstRowsArriveBeforeTheResultIsComplete() {
        try (WarehouseCursor cursor = session.query("SELECT range FROM range(10000000000)")) {
            for (long expected = 0; expected < 100_000; expected++) {
                assertThat(cursor.next()).isTrue();
                assertThat(cursor.get(0)).isEqualTo(expected);
            }
        }
        assertThat(Rows.single(session, "SELECT 1")).isEqualTo(1); // the session is usable again
    }

    @Test
    void anErrorLaterInTheStreamCarriesDuckDbsMessage() {
        String sql = "SELECT CAST(range::VARCHAR || CASE WHEN range = 900000 THEN 'x' ELSE '' END AS INTEGER)"
                + " FROM range(1000000)";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rows.of(session, sql))
                .hasMessageContaining("Could not convert string '900000x'");
    }
}
