package dev.sluice.engine.graph;

import java.util.List;

/** What selectors look at: a model's name, file path (relative to the project) and tags. */
public record SelectableModel(String name, String path, List<String> tags) {
    public SelectableModel {
        tags = List.copyOf(tags);
    }
}
