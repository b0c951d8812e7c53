package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

/**
 * One column an output column is computed from.
 *
 * @param relation the relation as the catalog describes it ({@link SqlCatalog.Table#description()}), for example
 *     {@code ref("users")} or {@code source("rudder", "tracks")}
 * @param column the column's name in that relation
 * @param derived {@code false} when the output column is a copy of this column (possibly renamed, filtered, joined,
 *     grouped by or unioned); {@code true} when an expression, aggregate or window function computes it from this
 *     column and perhaps others
 */
public record ColumnOrigin(String relation, String column, boolean derived) implements Comparable<ColumnOrigin> {
    public ColumnOrigin {
        requireNonNull(relation, "relation is null");
        requireNonNull(column, "column is null");
    }

    /** {@code ref("users").email}: the form manifest.json and the CLI print. */
    @Override
    public String toString() {
        return relation + "." + column;
    }

    @Override
    public int compareTo(ColumnOrigin other) {
        int byRelation = relation.compareTo(other.relation);
        return byRelation != 0 ? byRelation : column.compareTo(other.column);
    }
}
