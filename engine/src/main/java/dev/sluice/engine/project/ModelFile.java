package dev.sluice.engine.project;

import static java.util.Objects.requireNonNull;

/**
 * A model's source file.
 *
 * @param name the file stem, which is the model's name
 * @param path the path relative to the project, with forward slashes, for example {@code models/marts/orders.sql}
 * @param text the file's contents
 */
public record ModelFile(String name, String path, String text) {
    public ModelFile {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        requireNonNull(text, "text is null");
    }
}
