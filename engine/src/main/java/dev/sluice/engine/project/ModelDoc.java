package dev.sluice.engine.project;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A model's documentation and data tests from a {@code models/**.yml} file, dbt-style.
 *
 * @param tests data tests on the model and its columns
 * @param file the yml file it came from, relative to the project
 */
public record ModelDoc(String name, String description, List<ColumnDoc> columns, List<DeclaredTest> tests, String file) {
    public ModelDoc {
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        tests = List.copyOf(tests);
    }

    public record ColumnDoc(String name, String description) {
        public ColumnDoc {
            requireNonNull(name, "name is null");
        }
    }
}
