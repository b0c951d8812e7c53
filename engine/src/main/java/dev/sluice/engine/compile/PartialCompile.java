package dev.sluice.engine.compile;

import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.ModelFile;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.template.TemplateEngine;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseRelation;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What a compile of only some models must also do: which other models it has to compile (the
 * ephemeral ones they inline), which custom tests to keep, and which parents to read from the
 * warehouse instead of compiling them. Stateless; thread-safe.
 */
final class PartialCompile {
    private PartialCompile() {}

    /**
     * The custom tests that read a model of {@code only}, with the models each reads (from a discovering
     * render). A test whose render fails is kept, with no reads, so that its error is reported.
     */
    static Map<ModelFile, List<String>> testsReading(CompileContext discovery, TemplateEngine templates,
            List<ModelFile> tests, Set<String> only) {
        Map<ModelFile, List<String>> kept = new LinkedHashMap<>();
        for (ModelFile test : tests) {
            List<String> reads;
            try {
                reads = Compiler.discoverReads(discovery, templates, test);
            } catch (SluiceException e) {
                kept.put(test, List.of());
                continue;
            }
            if (reads.stream().anyMatch(only::contains)) {
                kept.put(test, reads);
            }
        }
        return kept;
    }

    /** {@code only}, plus every ephemeral model they or the kept tests inline, directly or through other ephemeral ones. */
    static Set<String> scope(Map<String, ModelDefinition> definitions, Set<String> only,
            Collection<List<String>> testReads) {
        Set<String> scope = new LinkedHashSet<>();
        Deque<String> ephemeral = new ArrayDeque<>();
        for (String name : only) {
            if (definitions.containsKey(name)) {
                scope.add(name);
                ephemeral.add(name);
            }
        }
        testReads.forEach(reads -> reads.stream().filter(name -> isEphemeral(definitions, name))
                .forEach(ephemeral::add));
        while (!ephemeral.isEmpty()) {
            String name = ephemeral.pop();
            scope.add(name);
            for (String parent : definitions.get(name).refs()) {
                if (isEphemeral(definitions, parent) && !scope.contains(parent)) {
                    ephemeral.push(parent);
                }
            }
        }
        return scope;
    }

    /**
     * Puts in the catalog the columns, as the warehouse has them, of every materialized model that a model of
     * {@code scope} or a kept test reads but that is not compiled itself, all described in one round trip;
     * a parent the warehouse lacks is left out (the model reading it is then parsed, not validated).
     */
    static void registerBuiltParents(Map<String, ModelDefinition> definitions, Set<String> scope,
            Collection<List<String>> testReads, WarehouseAccess warehouse,
            BiConsumer<ModelDefinition, List<SqlCatalog.Column>> catalog) {
        Set<String> parents = new LinkedHashSet<>();
        scope.forEach(name -> parents.addAll(definitions.get(name).refs()));
        testReads.forEach(parents::addAll);
        List<ModelDefinition> built = parents.stream().map(definitions::get)
                .filter(definition -> definition != null && !scope.contains(definition.name()) && !definition.isEphemeral())
                .toList();
        if (built.isEmpty()) {
            return;
        }
        Map<RelationName, WarehouseRelation> described = warehouse.describeAll(built.stream().map(ModelDefinition::relation).toList());
        built.forEach(definition -> {
            WarehouseRelation found = described.get(definition.relation());
            if (found != null) {
                catalog.accept(definition, found.columns().stream()
                        .map(column -> new SqlCatalog.Column(column.name(), column.type(), column.nullable())).toList());
            }
        });
    }

    private static boolean isEphemeral(Map<String, ModelDefinition> definitions, String name) {
        ModelDefinition definition = definitions.get(name);
        return definition != null && definition.isEphemeral();
    }
}
