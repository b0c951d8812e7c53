package dev.sluice.engine.compile;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.sql.ColumnLineage;
import dev.sluice.engine.sql.SqlCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model after compilation. Immutable.
 *
 * @param renderedSql the model's SQL after its template ran, exactly as the analyst wrote it
 * @param compiledSql the query the warehouse runs: {@code renderedSql} with ephemeral models inlined as CTEs
 * @param columns output columns as Calcite inferred them (or as the warehouse has them); empty when unknown
 * @param diagnostics errors and warnings about this model
 * @param lineage by output column name (the first of two columns with one name), in column order: the columns of
 *     refs and sources each is copied or computed from; empty when the model did not validate, and without the
 *     columns a materialization adds (a snapshot's validity columns)
 */
public record CompiledModel(ModelDefinition definition, String renderedSql, String compiledSql, ValidationStatus status,
        List<SqlCatalog.Column> columns, List<Diagnostic> diagnostics, Map<String, ColumnLineage> lineage) {
    public CompiledModel {
        requireNonNull(definition, "definition is null");
        requireNonNull(status, "status is null");
        columns = List.copyOf(columns);
        diagnostics = List.copyOf(diagnostics);
        lineage = Collections.unmodifiableMap(new LinkedHashMap<>(lineage));
    }

    /** A model without lineage. */
    public CompiledModel(ModelDefinition definition, String renderedSql, String compiledSql, ValidationStatus status,
            List<SqlCatalog.Column> columns, List<Diagnostic> diagnostics) {
        this(definition, renderedSql, compiledSql, status, columns, diagnostics, Map.of());
    }

    public String name() {
        return definition.name();
    }

    public boolean hasErrors() {
        return status == ValidationStatus.FAILED;
    }
}
