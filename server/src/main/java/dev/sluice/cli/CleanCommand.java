package dev.sluice.cli;

import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.ProjectLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Deletes what commands derive from the project's files: compiled SQL, the manifest, the analysis cache, the docs
 * site. Never data: a DuckDB file and the collector's spool may live in {@code target/} too, so only these named
 * artifacts go, unlike {@code dbt clean}, which empties its folders.
 */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = {"Delete compiled SQL, target/manifest.json, the analysis cache and the docs site.",
                "Never touches data: DuckDB files and the collector's spool stay."})
final class CleanCommand implements Callable<Integer> {
    static final List<String> ARTIFACTS = List.of("compiled", "manifest.json", "analysis-cache.json", "warehouse-catalog.json", "docs");

    @Mixin
    ProjectOptions projectOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Project project = new ProjectLoader().load(projectOptions.project);
        PrintWriter out = spec.commandLine().getOut();
        int removed = 0;
        for (String artifact : ARTIFACTS) {
            Path path = project.targetDirectory().resolve(artifact);
            if (Files.exists(path)) {
                delete(path);
                out.println("removed " + project.directory().relativize(path));
                removed++;
            }
        }
        if (removed == 0) {
            out.println("nothing to clean in " + project.directory().relativize(project.targetDirectory()));
        }
        return 0;
    }

    private static void delete(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
