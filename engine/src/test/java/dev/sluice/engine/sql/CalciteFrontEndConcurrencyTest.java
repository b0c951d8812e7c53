package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One front end and one catalog shared by many threads, as the compiler uses them. */
class CalciteFrontEndConcurrencyTest {
    private static final List<String> QUERIES = List.of(
            "select user_id, sum(amount) as revenue from orders group by user_id",
            "select u.email, o.order_id from users u join orders o using (user_id) qualify row_number() over "
                    + "(partition by u.user_id order by o.created_at desc) = 1",
            "with t as (select * from rudder.tracks) select event, count(*) from t group by event",
            "select emial from users");

    private final SqlFrontEnd frontEnd = new CalciteFrontEnd();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void threadsSharingTheFrontEndGetTheSameAnswersAsOneThread() throws Exception {
        Map<String, String> expected = QUERIES.stream().collect(Collectors.toMap(Function.identity(), this::outcome));
        ParsedQuery shared = frontEnd.parse(QUERIES.get(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int task = 0; task < 400; task++) {
                String sql = QUERIES.get(task % QUERIES.size());
                int number = task;
                results.add(pool.submit(() -> {
                    assertThat(outcome(sql)).isEqualTo(expected.get(sql));
                    // The same parsed query validated from many threads at once.
                    assertThat(frontEnd.validate(shared, catalog).toString()).isEqualTo(expected.get(QUERIES.get(1)));
                    // Models land in the catalog while others validate.
                    catalog.put(ShopCatalog.model("model_" + number, "id BIGINT"));
                }));
            }
            for (Future<?> result : results) {
                result.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(catalog.tables()).hasSize(6 + 400);
    }

    private String outcome(String sql) {
        try {
            return frontEnd.validate(frontEnd.parse(sql), catalog).toString();
        } catch (SqlProblemException e) {
            return e.problem().toString();
        }
    }
}
