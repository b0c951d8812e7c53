package dev.sluice.engine.project;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A unit test of one model, declared under {@code unit_tests:} in a models yml file (dbt's format):
 * rows for the relations the model reads, and the rows it must produce.
 *
 * <pre>
 * unit_tests:
 *   - name: latest_email_wins
 *     model: users
 *     given:
 *       - input: ref("stg_identifies")
 *         rows:
 *           - {user_id: u1, email: old@x.com, received_at: "2026-01-01 00:00:00"}
 *     expect:
 *       rows:
 *         - {user_id: u1, email: new@x.com}
 * </pre>
 *
 * @param given input relation as written ({@code ref("m")} or {@code source("s", "t")}) to its rows
 * @param expected the rows the model must return, compared on the columns they name, in any order
 */
public record UnitTestSpec(String name, String model, Map<String, List<Map<String, Object>>> given,
        List<Map<String, Object>> expected, String file) {
    public UnitTestSpec {
        requireNonNull(name, "name is null");
        requireNonNull(model, "model is null");
        given = Map.copyOf(given);
        expected = List.copyOf(expected);
        requireNonNull(file, "file is null");
    }
}
