package dev.sluice.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a model is built in the warehouse. Each has exactly one strategy in the {@code materialize} package. */
public enum Materialization {
    /** A view over the upstream relations; cheap to build, computed on read. */
    VIEW,
    /** A table rebuilt from scratch on every run, swapped in atomically. */
    TABLE,
    /** A table that receives only new rows (appended, or merged on a unique key). */
    INCREMENTAL,
    /** Not built at all: inlined as a CTE into the models that ref it. */
    EPHEMERAL,
    /**
     * A history table (slowly changing dimension, type 2): every version of each row, with the time
     * range it was current in {@code sluice_valid_from} / {@code sluice_valid_to}.
     */
    SNAPSHOT,
    /**
     * A table computed by repeating a step until it stops changing: the first pass reads the
     * {@code start} relation, each later pass reads the previous pass's result in its place.
     */
    ITERATIVE;

    /** The name used in {@code <@config materialized="..."/>}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Materialization> fromConfigName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.configName().equals(name)).findFirst();
    }
}
