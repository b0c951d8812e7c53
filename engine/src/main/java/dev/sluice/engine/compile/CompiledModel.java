package dev.sluice.engine.compile;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.sql.SqlCatalog;
import java.util.List;

/**
 * A model after compilation. Immutable.
 *
 * @param renderedSql the model's SQL after its template ran, exactly as the analyst wrote it
 * @param compiledSql the query the warehouse runs: {@code renderedSql} with ephemeral models inlined as CTEs
 * @param columns output columns as Calcite inferred them (or as the warehouse has them); empty when unknown
 * @param diagnostics errors and warnings about this model
 */
public record CompiledModel(ModelDefinition definition, String renderedSql, String compiledSql, ValidationStatus status,
        List<SqlCatalog.Column> columns, List<Diagnostic> diagnostics) {
    public CompiledModel {
        requireNonNull(definition, "definition is null");
        requireNonNull(status, "status is null");
        columns = List.copyOf(columns);
        diagnostics = List.copyOf(diagnostics);
    }

    public String name() {
        return definition.name();
    }

    public boolean hasErrors() {
        return status == ValidationStatus.FAILED;
    }
}
