package dev.sluice.engine.graph;

import java.util.List;

/**
 * What selectors look at: a model's name, file path (relative to the project), tags, the fingerprint
 * {@code state:modified} compares, and its materialization as {@code <@config materialized="..."/>} names it
 * ({@code view}, {@code table}, {@code snapshot}, ...), which {@code config.materialized:X} matches.
 */
public record SelectableModel(String name, String path, List<String> tags, String fingerprint, String materialization) {
    public SelectableModel {
        tags = List.copyOf(tags);
    }

    /** A view (the default materialization). */
    public SelectableModel(String name, String path, List<String> tags, String fingerprint) {
        this(name, path, tags, fingerprint, "view");
    }

    public SelectableModel(String name, String path, List<String> tags) {
        this(name, path, tags, "");
    }
}
