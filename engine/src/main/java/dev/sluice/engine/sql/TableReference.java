package dev.sluice.engine.sql;

import java.util.List;

/**
 * A relation named in a query.
 *
 * @param names the identifier parts as written, unquoted, case preserved: {@code [orders]},
 *     {@code [main, orders]} or {@code [db, main, orders]}
 * @param line 1-based line of the name in the SQL text
 * @param column 1-based column of the name in the SQL text
 */
public record TableReference(List<String> names, int line, int column) {
    public TableReference {
        names = List.copyOf(names);
    }

    /** The last part: the relation's own name. */
    public String name() {
        return names.get(names.size() - 1);
    }
}
