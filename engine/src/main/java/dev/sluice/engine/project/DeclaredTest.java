package dev.sluice.engine.project;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A data test declared in a models yml file, dbt-style: {@code unique}, {@code not_null},
 * {@code accepted_values}, {@code relationships}, {@code expression_is_true}.
 *
 * @param kind the test's name as written, for example {@code accepted_values}
 * @param column the column it tests, or {@code null} for a model-level test
 * @param arguments the test's arguments, for example {@code values} or {@code to}/{@code field}
 * @param warnOnly {@code severity: warn}: a failure is reported but does not fail the run
 * @param file the yml file it was declared in, relative to the project
 */
public record DeclaredTest(String kind, String column, Map<String, Object> arguments, boolean warnOnly, String file) {
    public DeclaredTest {
        requireNonNull(kind, "kind is null");
        arguments = Map.copyOf(arguments);
        requireNonNull(file, "file is null");
    }
}
