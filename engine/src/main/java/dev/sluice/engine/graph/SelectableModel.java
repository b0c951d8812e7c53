package dev.sluice.engine.graph;

import java.util.List;

/**
 * What selectors look at: a model's name, file path (relative to the project), tags, and the
 * fingerprint {@code state:modified} compares.
 */
public record SelectableModel(String name, String path, List<String> tags, String fingerprint) {
    public SelectableModel {
        tags = List.copyOf(tags);
    }

    public SelectableModel(String name, String path, List<String> tags) {
        this(name, path, tags, "");
    }
}
