package dev.sluice.engine.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A model's settings from its {@code <@config .../>} header.
 *
 * @param schema the schema to build in; {@code null} means the target's schema
 * @param uniqueKey the columns an incremental model merges on, or that identify a snapshot's rows;
 *     empty means append-only
 * @param snapshot how a snapshot detects changes; {@code null} for other kinds
 * @param iterative where an iterative model starts and how often it may repeat; {@code null} for other kinds
 * @param deleteFlag an incremental model's boolean column that marks a row as a deletion: its unique key's rows
 *     are deleted from the table and the row itself is not kept; the column is not one of the table's.
 *     {@code null} when the model has none
 * @param inputVersion an incremental (or iterative, with a unique key) model's query whose one row changes whenever
 *     what the model reads does ({@code select max(received_at), count(*) from ...}): a later run that finds the
 *     same row as the model's last successful build skips the build. {@code null} when the model has none
 * @param refreshWith the descendants whose tables keep what this model's table numbers (the ids' numbers of
 *     identity_nodes, say): a {@code --full-refresh} of this model must rebuild them too, or they keep the old
 *     numbers. Empty for most models
 */
public record ModelConfig(Materialization materialization, String schema, List<String> uniqueKey, List<String> tags,
        SnapshotSettings snapshot, IterativeSettings iterative, String deleteFlag, String inputVersion,
        List<String> refreshWith) {
    public static final ModelConfig DEFAULT = new ModelConfig(Materialization.VIEW, null, List.of(), List.of(), null,
            null, null, null, List.of());

    public ModelConfig {
        requireNonNull(materialization, "materialization is null");
        uniqueKey = List.copyOf(uniqueKey);
        tags = List.copyOf(tags);
        refreshWith = List.copyOf(refreshWith);
        if ((materialization == Materialization.SNAPSHOT) != (snapshot != null)) {
            throw new IllegalArgumentException("snapshot settings go with materialized=\"snapshot\" and only with it");
        }
        if ((materialization == Materialization.ITERATIVE) != (iterative != null)) {
            throw new IllegalArgumentException("iterative settings go with materialized=\"iterative\" and only with it");
        }
        if (deleteFlag != null && (materialization != Materialization.INCREMENTAL || uniqueKey.isEmpty())) {
            throw new IllegalArgumentException("delete_flag goes with materialized=\"incremental\" and a unique_key");
        }
        if (inputVersion != null && materialization != Materialization.INCREMENTAL
                && !(materialization == Materialization.ITERATIVE && !uniqueKey.isEmpty())) {
            throw new IllegalArgumentException("input_version goes with materialized=\"incremental\", or \"iterative\""
                    + " with a unique_key");
        }
    }

    /**
     * Whether a later run of a model of this kind adds to the table an earlier run built (incremental models, and
     * iterative models with a unique_key, whose passes update part of the table) rather than replacing it.
     */
    public static boolean addsToItsTable(Materialization materialization, List<String> uniqueKey) {
        return materialization == Materialization.INCREMENTAL
                || materialization == Materialization.ITERATIVE && !uniqueKey.isEmpty();
    }

    /** See {@link #addsToItsTable(Materialization, List)}. */
    public boolean addsToItsTable() {
        return addsToItsTable(materialization, uniqueKey);
    }

    /** A model without an input version (the settings before it existed). */
    public ModelConfig(Materialization materialization, String schema, List<String> uniqueKey, List<String> tags,
            SnapshotSettings snapshot, IterativeSettings iterative, String deleteFlag) {
        this(materialization, schema, uniqueKey, tags, snapshot, iterative, deleteFlag, null, List.of());
    }

    /**
     * @param start the relation the first pass reads, as the model's SQL names it ({@code ref("...")});
     *     every later pass reads the previous pass's result in its place
     * @param maxIterations the most passes before the build fails as not converging
     */
    public record IterativeSettings(String start, int maxIterations) {
        public IterativeSettings {
            requireNonNull(start, "start is null");
            if (maxIterations < 1) {
                throw new IllegalArgumentException("max_iterations must be at least 1, got " + maxIterations);
            }
        }
    }

    /**
     * @param updatedAt with the {@code timestamp} strategy: the column that says when a row last changed
     * @param checkColumns with the {@code check} strategy: the columns compared to detect a change
     * @param invalidateHardDeletes close the current version of rows that vanished from the query
     */
    public record SnapshotSettings(String updatedAt, List<String> checkColumns, boolean invalidateHardDeletes) {
        /** When a version became current. */
        public static final String VALID_FROM = "sluice_valid_from";
        /** When a version stopped being current; NULL while it is. */
        public static final String VALID_TO = "sluice_valid_to";

        public SnapshotSettings {
            checkColumns = List.copyOf(checkColumns);
            if ((updatedAt == null) == checkColumns.isEmpty()) {
                throw new IllegalArgumentException("a snapshot needs exactly one of updated_at or check_cols");
            }
        }
    }
}
