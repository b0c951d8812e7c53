package dev.sluice.engine.project;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.Names;
import dev.sluice.engine.SluiceException;
import java.util.List;
import java.util.Map;

/**
 * The contents of {@code sluice.yml}, validated. Immutable.
 *
 * @param dialect the SQL dialect models are written in ({@code duckdb} or {@code snowflake})
 * @param defaultTarget the target used when the command line names none
 * @param vars values for {@code var("name")} in templates; JSON-like values (strings, numbers, lists, maps)
 * @param seedSchema the schema seeds load into; {@code null} means the target's schema
 * @param packages Sluice's standard model packages the project uses, for example {@code rudder}
 */
public record ProjectConfig(String name, String dialect, String defaultTarget, Map<String, TargetConfig> targets,
        Map<String, Object> vars, List<String> modelPaths, List<String> macroPaths, List<String> seedPaths,
        String seedSchema, Map<String, SourceConfig> sources, List<String> packages) {
    public ProjectConfig {
        requireNonNull(name, "name is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(defaultTarget, "defaultTarget is null");
        targets = Map.copyOf(targets);
        vars = Map.copyOf(vars);
        modelPaths = List.copyOf(modelPaths);
        macroPaths = List.copyOf(macroPaths);
        seedPaths = List.copyOf(seedPaths);
        sources = Map.copyOf(sources);
        packages = List.copyOf(packages);
    }

    /** The same configuration with other sources (a package adds the sources its models read). */
    public ProjectConfig withSources(Map<String, SourceConfig> otherSources) {
        return new ProjectConfig(name, dialect, defaultTarget, targets, vars, modelPaths, macroPaths, seedPaths,
                seedSchema, otherSources, packages);
    }

    /**
     * The named target, or the default one when {@code targetName} is {@code null}.
     *
     * @throws SluiceException naming the targets that exist
     */
    public TargetConfig target(String targetName) {
        String wanted = targetName == null ? defaultTarget : targetName;
        TargetConfig target = targets.get(wanted);
        if (target == null) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "sluice.yml: no target named \"" + wanted + "\""
                    + Names.didYouMean(wanted, targets.keySet()) + " (targets: "
                    + String.join(", ", targets.keySet()) + ")");
        }
        return target;
    }
}
