package dev.sluice.server.transform;

import static java.util.Objects.requireNonNull;

/**
 * One user transformation: {@code transformations/NAME.js}, an ES module that exports
 * {@code transformEvent(event, metadata)} or {@code transformBatch(events, metadata)}. Immutable.
 *
 * @param name the file's stem, as bindings in {@code sluice.yml} name it
 * @param file the path shown in errors and stack traces, relative to the project ({@code transformations/x.js})
 * @param code the module's source text
 * @param version a content hash of the code and of every library, recorded with each dead letter
 */
public record Transformation(String name, String file, String code, String version, TransformationSettings settings) {
    public Transformation {
        requireNonNull(name, "name is null");
        requireNonNull(file, "file is null");
        requireNonNull(code, "code is null");
        requireNonNull(version, "version is null");
        requireNonNull(settings, "settings is null");
    }

    public Transformation withSettings(TransformationSettings newSettings) {
        return new Transformation(name, file, code, version, newSettings);
    }
}
