package dev.sluice.engine.lineage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One column in a column's upstream tree: a model's column with the columns it comes from, a source
 * column (a leaf), or a model column whose origins are unknown (a leaf with the reason). Immutable.
 *
 * @param relation {@code ref("users")}, {@code source("rudder", "tracks")} or {@code this}
 * @param column the column's name in that relation
 * @param derived whether the column below which this one appears is computed from it (an expression, aggregate,
 *     window function or the optional side of an outer join) rather than copied; {@code false} at the root
 * @param upstream the columns this one comes from; empty for a source, an unknown or a constant
 * @param unknownReason why this model column's origins are unknown, or {@code null}
 */
public record UpstreamColumn(String relation, String column, boolean derived, List<UpstreamColumn> upstream,
        String unknownReason) {
    public UpstreamColumn {
        requireNonNull(relation, "relation is null");
        requireNonNull(column, "column is null");
        upstream = List.copyOf(upstream);
    }

    /** The source columns this one ultimately comes from, each once, in tree order. */
    public List<String> sourceColumns() {
        java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
        collectSources(this, found);
        return List.copyOf(found);
    }

    private static void collectSources(UpstreamColumn node, java.util.Set<String> into) {
        if (node.relation.startsWith("source(")) {
            into.add(node.relation + "." + node.column);
        }
        node.upstream.forEach(child -> collectSources(child, into));
    }

    @Override
    public String toString() {
        return relation + "." + column;
    }
}
