package dev.sluice.engine.sql;

import java.util.List;

/** A query that validated: its output columns in order. */
public record ValidatedQuery(List<OutputColumn> columns) {
    public ValidatedQuery {
        columns = List.copyOf(columns);
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
