package dev.sluice.engine.sql;

import java.util.List;
import java.util.Optional;

/**
 * Where one output column of a query comes from: the columns of the relations it reads that it is
 * copied or computed from, or why that is unknown. Known lineage may be empty: a constant or
 * {@code count(*)} reads no column. Immutable.
 *
 * @param origins sorted by relation, then column; empty when unknown
 * @param unknownReason why the origins could not be traced, or {@code null} when they are known
 */
public record ColumnLineage(List<ColumnOrigin> origins, String unknownReason) {
    public ColumnLineage {
        origins = List.copyOf(origins);
        if (unknownReason != null && !origins.isEmpty()) {
            throw new IllegalArgumentException("unknown lineage has no origins");
        }
    }

    public static ColumnLineage known(List<ColumnOrigin> origins) {
        return new ColumnLineage(origins.stream().sorted().toList(), null);
    }

    public static ColumnLineage unknown(String reason) {
        return new ColumnLineage(List.of(), java.util.Objects.requireNonNull(reason, "reason is null"));
    }

    public boolean isKnown() {
        return unknownReason == null;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(unknownReason);
    }
}
