package dev.sluice.engine.datatest;

import static dev.sluice.engine.model.Identifiers.identifier;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.Names;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.DeclaredTest;
import java.util.List;

import java.util.stream.Collectors;

/**
 * The SQL of dbt's generic tests. Each returns the failing rows of {@code relation}, a relation
 * name or a parenthesised query. Stateless and thread-safe.
 */
final class GenericTests {
    static final List<String> KINDS = List.of("unique", "not_null", "accepted_values", "relationships",
            "expression_is_true");

    private GenericTests() {}

    /**
     * @param parent resolves {@code to: ref("x")} / {@code source("a", "b")} of a relationships test to SQL
     * @throws SluiceException naming the yml file when the test or its arguments are wrong
     */
    static String sql(DeclaredTest test, String model, String relation, java.util.function.Function<String, String> parent) {
        String where = (String) test.arguments().get("where");
        String from = where == null ? relation : "(select * from " + relation + " where " + where + ")";
        String column = test.column() == null ? null : identifier(test.column());
        return switch (test.kind()) {
            case "unique" -> "select " + needColumn(test, model, column) + ", count(*) as n_records from " + from
                    + " as tested where " + column + " is not null group by " + column + " having count(*) > 1";
            case "not_null" -> "select * from " + from + " as tested where " + needColumn(test, model, column) + " is null";
            case "accepted_values" -> "select " + needColumn(test, model, column) + " as value, count(*) as n_records from "
                    + from + " as tested where " + column + " is not null and " + column + " not in ("
                    + literals(test, model) + ") group by " + column;
            case "relationships" -> {
                String to = argument(test, model, "to");
                String field = identifier(argument(test, model, "field"));
                yield "select child." + needColumn(test, model, column) + " from " + from + " as child left join "
                        + parent.apply(to) + " as parent on child." + column + " = parent." + field + " where child."
                        + column + " is not null and parent." + field + " is null";
            }
            case "expression_is_true" -> {
                String expression = argument(test, model, "expression");
                yield "select * from " + from + " as tested where not (" + (column == null ? "" : column + " ")
                        + expression + ")";
            }
            default -> throw new SluiceException(ErrorCode.PROJECT_CONFIG, test.file() + ": model " + model
                    + ": unknown test \"" + test.kind() + "\"" + Names.didYouMean(test.kind(), KINDS)
                    + " (tests: " + String.join(", ", KINDS) + ", or a query in tests/*.sql)");
        };
    }

    private static String needColumn(DeclaredTest test, String model, String column) {
        if (column == null) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, test.file() + ": model " + model + ": test "
                    + test.kind() + " belongs under a column");
        }
        return column;
    }

    private static String argument(DeclaredTest test, String model, String name) {
        Object value = test.arguments().get(name);
        if (value == null) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, test.file() + ": model " + model + ": test "
                    + test.kind() + " needs `" + name + "`");
        }
        return String.valueOf(value);
    }

    private static String literals(DeclaredTest test, String model) {
        Object values = test.arguments().get("values");
        if (!(values instanceof List<?> list) || list.isEmpty()) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, test.file() + ": model " + model
                    + ": accepted_values needs `values`, a list");
        }
        boolean quote = !Boolean.FALSE.equals(test.arguments().get("quote"));
        return list.stream().map(value -> value instanceof Number || value instanceof Boolean || !quote
                ? String.valueOf(value) : dev.sluice.engine.model.SqlLiterals.text(String.valueOf(value)))
                .collect(Collectors.joining(", "));
    }

}
