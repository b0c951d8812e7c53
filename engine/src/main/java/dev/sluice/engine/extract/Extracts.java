package dev.sluice.engine.extract;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import java.nio.file.Path;
import java.util.List;

/** Finds the {@code extract:} sources of a project. Thread-safe. */
public final class Extracts {
    private Extracts() {}

    /** Every source, or only {@code name} when it is not {@code null}. */
    public static List<ExtractDefinition> select(Path projectDirectory, String name) {
        return select(projectDirectory, name, EnvironmentInterpolator.system());
    }

    /** {@link #select(Path, String)} with {@code environment} substituting {@code ${env.X}}. */
    public static List<ExtractDefinition> select(Path projectDirectory, String name, EnvironmentInterpolator environment) {
        List<ExtractDefinition> all = new ExtractConfigReader(environment).read(projectDirectory);
        if (name == null) {
            if (all.isEmpty()) {
                throw new SluiceException(ErrorCode.PROJECT_CONFIG, "sluice.yml has no extract: section; see docs/sources.md");
            }
            return all;
        }
        List<ExtractDefinition> named = all.stream().filter(definition -> definition.name().equals(name)).toList();
        if (named.isEmpty()) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "sluice.yml: extract: no source named \"" + name
                    + "\"" + dev.sluice.engine.Names.didYouMean(name, all.stream().map(ExtractDefinition::name).toList())
                    + " (sources: " + String.join(", ", all.stream().map(ExtractDefinition::name).toList()) + ")");
        }
        return named;
    }
}
