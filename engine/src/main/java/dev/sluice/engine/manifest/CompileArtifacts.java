package dev.sluice.engine.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ModelDefinition;
import dev.sluice.engine.compile.SourceRef;
import dev.sluice.engine.compile.ValidationStatus;
import dev.sluice.engine.materialize.MaterializeRequest;
import dev.sluice.engine.materialize.Materializations;
import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.project.ModelDoc;
import dev.sluice.engine.project.SourceConfig;
import dev.sluice.engine.sql.ColumnLineage;
import dev.sluice.engine.sql.ColumnOrigin;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import java.util.Locale;
import java.util.Set;

/**
 * Writes what a compile produced: {@code target/compiled/<model>.sql} (the statement the warehouse
 * will run, the model's SQL as written inside its materialization's DDL) and {@code target/manifest.json}
 * (models, dependencies, columns with types, config and validation status) for other tools.
 *
 * <p>Thread-safe (stateless).
 */
public final class CompileArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CompileArtifacts() {}

    /** @param targetDirectory usually {@code <project>/target} */
    public static void write(CompiledProject project, Path targetDirectory, WarehouseDialect dialect,
            Set<WarehouseCapability> capabilities) {
        Path compiledDirectory = targetDirectory.resolve("compiled");
        try {
            Files.createDirectories(compiledDirectory);
            for (CompiledModel model : project.models().values()) {
                if (model.status() == ValidationStatus.NOT_COMPILED) {
                    continue; // not compiled this time: whatever an earlier compile wrote stays
                }
                if (!model.hasErrors()) {
                    Files.writeString(compiledDirectory.resolve(model.name() + ".sql"), preview(model, dialect, capabilities) + "\n");
                } else {
                    Files.deleteIfExists(compiledDirectory.resolve(model.name() + ".sql"));
                }
            }
            Files.writeString(targetDirectory.resolve("manifest.json"), JSON.writeValueAsString(manifest(project)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + targetDirectory, e);
        }
    }

    /** The model's main statement as its strategy would run it on a first build. */
    public static String preview(CompiledModel model, WarehouseDialect dialect, Set<WarehouseCapability> capabilities) {
        ModelDefinition definition = model.definition();
        return Materializations.strategy(definition.materialization()).preview(new MaterializeRequest(
                definition.relation(), model.compiledSql(), definition.config().uniqueKey(), false, dialect, capabilities,
                definition.config().snapshot(), definition.config().iterative(), definition.config().deleteFlag()));
    }

    public static ObjectNode manifest(CompiledProject project) {
        ObjectNode root = JSON.createObjectNode();
        root.put("sluice_version", "0.1.0");
        root.put("generated_at", Instant.now().toString());
        root.put("project", project.project().config().name());
        root.put("dialect", project.project().config().dialect());
        root.put("target", project.target().name());
        ObjectNode models = root.putObject("models");
        for (CompiledModel model : project.models().values()) {
            models.set(model.name(), model(project, model));
        }
        ObjectNode sources = root.putObject("sources");
        for (SourceConfig source : project.project().config().sources().values()) {
            for (SourceConfig.SourceTable table : source.tables().values()) {
                ObjectNode node = sources.putObject(source.name() + "." + table.name());
                node.put("source", source.name());
                node.put("table", table.name());
                node.put("relation", source.schema() + "." + table.identifier());
                node.put("description", table.description());
                ArrayNode columns = node.putArray("columns");
                table.columns().forEach(column -> columns.addObject().put("name", column.name())
                        .put("type", column.type()).put("description", column.description()));
            }
        }
        return root;
    }

    private static ObjectNode model(CompiledProject project, CompiledModel model) {
        ModelDefinition definition = model.definition();
        ObjectNode node = JSON.createObjectNode();
        node.put("name", model.name());
        node.put("path", definition.file().path());
        node.put("materialized", definition.materialization().configName());
        node.put("relation", definition.materialization() == Materialization.EPHEMERAL ? null
                : definition.relation().toString());
        node.put("schema", definition.relation().schema());
        node.put("status", model.status().name().toLowerCase(Locale.ROOT));
        node.put("fingerprint", definition.fingerprint());
        ArrayNode tags = node.putArray("tags");
        definition.config().tags().forEach(tags::add);
        ArrayNode uniqueKey = node.putArray("unique_key");
        definition.config().uniqueKey().forEach(uniqueKey::add);
        ObjectNode dependsOn = node.putObject("depends_on");
        ArrayNode refs = dependsOn.putArray("models");
        definition.refs().forEach(refs::add);
        ArrayNode sourceRefs = dependsOn.putArray("sources");
        definition.sources().stream().map(SourceRef::toString).forEach(sourceRefs::add);
        ModelDoc doc = project.project().docs().get(model.name());
        node.put("description", doc == null ? null : doc.description());
        ArrayNode columns = node.putArray("columns");
        model.columns().forEach(column -> {
            ObjectNode columnNode = columns.addObject().put("name", column.name()).put("type", column.type())
                    .put("nullable", column.nullable());
            if (doc != null) {
                doc.columns().stream().filter(documented -> documented.name().equalsIgnoreCase(column.name()))
                        .findFirst().ifPresent(documented -> columnNode.put("description", documented.description()));
            }
            ColumnLineage lineage = model.lineage().get(column.name());
            if (lineage != null) {
                lineage(columnNode, lineage);
            }
        });
        ArrayNode diagnostics = node.putArray("diagnostics");
        for (Diagnostic diagnostic : model.diagnostics()) {
            diagnostics.addObject().put("severity", diagnostic.severity().name().toLowerCase(Locale.ROOT))
                    .put("code", diagnostic.code().name()).put("line", diagnostic.line())
                    .put("column", diagnostic.column()).put("message", diagnostic.message());
        }
        node.put("compiled_path", model.hasErrors() || model.status() == ValidationStatus.NOT_COMPILED ? null
                : "target/compiled/" + model.name() + ".sql");
        node.put("raw_sql", definition.file().text());
        node.put("compiled_sql", model.compiledSql());
        return node;
    }

    /**
     * {@code "lineage": ["ref(\"users\").email", ...]} (what the docs site shows as "derived from"),
     * {@code "lineage_origins"} with {@code derived} per origin, and {@code "lineage_unknown"}: the reason, when
     * Sluice could not trace the column ({@code "lineage"} is then null).
     */
    private static void lineage(ObjectNode columnNode, ColumnLineage lineage) {
        if (!lineage.isKnown()) {
            columnNode.putNull("lineage");
            columnNode.put("lineage_unknown", lineage.unknownReason());
            return;
        }
        ArrayNode names = columnNode.putArray("lineage");
        ArrayNode origins = columnNode.putArray("lineage_origins");
        for (ColumnOrigin origin : lineage.origins()) {
            names.add(origin.toString());
            origins.addObject().put("relation", origin.relation()).put("column", origin.column())
                    .put("derived", origin.derived());
        }
    }

}
