package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DuckDbConcurrencyTest extends InMemoryDuckDb {
    @Test
    void sessionsShareTheInMemoryDatabase() {
        session.execute("CREATE TABLE shared AS SELECT 42 AS answer");

        try (WarehouseSession other = warehouse.openSession()) {
            assertThat(Rows.single(other, "SELECT answer FROM shared")).isEqualTo(42);
        }
    }

    @Test
    void twoSessionsWorkFromTwoThreadsAtOnce() throws Exception {
        session.execute("CREATE TABLE a (n BIGINT)");
        session.execute("CREATE TABLE b (n BIGINT)");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch bothStarted = new CountDownLatch(2);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (String table : List.of("a", "b")) {
                results.add(threads.submit(() -> {
                    try (WarehouseSession own = warehouse.openSession()) {
                        bothStarted.countDown();
                        bothStarted.await(10, TimeUnit.SECONDS);
                        for (int batch = 0; batch < 20; batch++) {
                            own.execute("INSERT INTO " + table + " SELECT range FROM range(1000)");
                            own.append(new RelationName("main", table),
                                    IntStream.range(0, 1000).mapToObj(i -> List.of((Object) (long) i)).iterator());
                        }
                        return (Long) Rows.single(own, "SELECT count(*) FROM " + table);
                    }
                }));
            }
            for (Future<Long> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(40_000L);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(Rows.single(session, "SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b)")).isEqualTo(80_000L);
    }

    @Test
    void openingSessionsFromManyThreadsIsSafe() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int value = i;
                answers.add(threads.submit(() -> {
                    try (WarehouseSession own = warehouse.openSession()) {
                        return Rows.single(own, "SELECT ?::INTEGER", value);
                    }
                }));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
