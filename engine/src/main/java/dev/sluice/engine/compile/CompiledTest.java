package dev.sluice.engine.compile;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Diagnostic;
import java.util.List;

/**
 * A custom data test ({@code tests/<name>.sql}) after compilation: a query that returns the failing rows.
 *
 * @param sql the query the warehouse runs, ephemeral models inlined
 * @param refs the models it reads
 */
public record CompiledTest(String name, String path, String sql, List<String> refs, List<Diagnostic> diagnostics) {
    public CompiledTest {
        requireNonNull(name, "name is null");
        requireNonNull(path, "path is null");
        refs = List.copyOf(refs);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR);
    }
}
