package dev.sluice.engine.sql;

import java.util.Collections;
import java.util.List;

/**
 * A query that validated: its output columns in order and, at the same index, each column's lineage.
 * Immutable.
 *
 * @param lineage one entry per column; see {@link ColumnLineage}
 */
public record ValidatedQuery(List<OutputColumn> columns, List<ColumnLineage> lineage) {
    public ValidatedQuery {
        columns = List.copyOf(columns);
        lineage = List.copyOf(lineage);
        if (lineage.size() != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + lineage.size() + " lineages");
        }
    }

    /** A query whose lineage was not traced. */
    public ValidatedQuery(List<OutputColumn> columns) {
        this(columns, Collections.nCopies(columns.size(), ColumnLineage.unknown("lineage was not traced")));
    }

    /**
     * @param name the column name as the query produces it
     * @param type a warehouse-style type name: {@code VARCHAR}, {@code BIGINT}, {@code INTEGER},
     *     {@code DOUBLE}, {@code DECIMAL(p,s)}, {@code BOOLEAN}, {@code DATE}, {@code TIMESTAMP},
     *     {@code TIMESTAMP WITH TIME ZONE}, {@code JSON}, ...; round-trips through {@link SqlCatalog}
     * @param nullable whether the column may be NULL
     */
    public record OutputColumn(String name, String type, boolean nullable) {}
}
