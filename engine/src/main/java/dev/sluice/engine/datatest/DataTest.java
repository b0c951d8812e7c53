package dev.sluice.engine.datatest;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A data test ready to run: a query that returns the failing rows (none means it passes).
 *
 * @param name unique in the project, for example {@code not_null_users_user_id}
 * @param attachedTo the model whose build it checks (in {@code sluice build} it runs right after that
 *     model); {@code null} for source checks
 * @param column the tested column, or {@code null}
 * @param kind {@code unique}, {@code not_null}, ..., {@code custom}, {@code freshness}
 * @param models every model the query reads, for selection
 * @param warnOnly a failure warns instead of failing the run
 * @param error why the test cannot run (it did not compile), or {@code null}
 */
public record DataTest(String name, String attachedTo, String column, String kind, String sql, List<String> models,
        boolean warnOnly, String file, String error) {
    public DataTest {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        models = List.copyOf(models);
    }
}
