package dev.sluice.engine.project;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded project: its configuration, model files, docs and the folders of its macros and seeds.
 * Immutable.
 *
 * @param models in path order
 * @param tests custom data tests, {@code tests/*.sql}: queries that return the failing rows
 * @param unitTests unit tests of models, from the models yml files
 * @param warnings problems that do not stop the project, such as docs for a model that does not exist
 */
public record Project(Path directory, ProjectConfig config, List<ModelFile> models, Map<String, ModelDoc> docs,
        List<Path> macroDirectories, List<Path> seedFiles, List<ModelFile> tests, List<UnitTestSpec> unitTests,
        List<String> warnings) {
    public Project {
        requireNonNull(directory, "directory is null");
        requireNonNull(config, "config is null");
        models = List.copyOf(models);
        docs = Map.copyOf(docs);
        macroDirectories = List.copyOf(macroDirectories);
        seedFiles = List.copyOf(seedFiles);
        tests = List.copyOf(tests);
        unitTests = List.copyOf(unitTests);
        warnings = List.copyOf(warnings);
    }

    /** The path of {@code file} relative to the project, with forward slashes. */
    /** {@code target/}: where compiles write the compiled SQL, the manifest and the kept analyses. */
    public Path targetDirectory() {
        return directory.resolve("target");
    }

    public String relative(Path file) {
        return directory.relativize(file).toString().replace('\\', '/');
    }
}
