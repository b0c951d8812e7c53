package dev.sluice.engine.extract;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import java.nio.file.Path;
import java.util.List;

/** Finds the {@code extract:} sources of a project. Thread-safe. */
public final class Extracts {
    private Extracts() {}

    /**
     * Every source, or only {@code name} when it is not {@code null}.
     *
     * @throws SluiceException when there is no {@code extract:} section or no source of that name
     */
    public static List<ExtractDefinition> select(Path projectDirectory, String name) {
        return select(projectDirectory, name, EnvironmentInterpolator.system());
    }

    /** {@link #select(Path, String)} with {@code environment} substituting {@code ${env.X}}. */
    public static List<ExtractDefinition> select(Path projectDirectory, String name, EnvironmentInterpolator environment) {
        List<String> names = ExtractConfigReader.names(projectDirectory);
        if (names.isEmpty()) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "sluice.yml has no extract: section; see docs/sources.md");
        }
        if (name != null && !names.contains(name)) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "sluice.yml: extract: no source named \"" + name
                    + "\"" + dev.sluice.engine.Names.didYouMean(name, names) + " (sources: " + String.join(", ", names) + ")");
        }
        // Only the chosen source's ${env.X} are resolved: another source's secrets need not be set.
        return new ExtractConfigReader(environment).read(projectDirectory, name);
    }
}
