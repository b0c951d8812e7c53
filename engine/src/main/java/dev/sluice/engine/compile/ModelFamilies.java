package dev.sluice.engine.compile;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.Diagnostic.Severity;
import dev.sluice.engine.DiagnosticException;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.ModelFile;
import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.TargetConfig;
import dev.sluice.engine.template.FamilyMember;
import dev.sluice.engine.template.FamilySpec;
import dev.sluice.engine.template.RenderedModel;
import dev.sluice.engine.template.TemplateEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Expands model families before discovery: a model file with {@code <@family values=.../>} is
 * rendered once, its values read from the warehouse, and it is replaced in the project by one model
 * per member ({@link FamilyNames}), each the same file rendered with {@code member} bound. Everything
 * after (the DAG, selectors, {@code ls}, the manifest, docs, runs) sees ordinary models that share
 * the family file's path and carry its name as a tag. Reads the warehouse; never writes. Stateless.
 */
final class ModelFamilies {
    private ModelFamilies() {}

    /**
     * The project with its families expanded and the engine that renders their members.
     *
     * @param diagnostics errors of family files that could not be expanded (they build no model) and
     *     warnings for members left out over a family's limit
     */
    record Expansion(Project project, TemplateEngine templates, List<Diagnostic> diagnostics) {
        Expansion {
            requireNonNull(project, "project is null");
            requireNonNull(templates, "templates is null");
            diagnostics = List.copyOf(diagnostics);
        }
    }

    static Expansion expand(Project project, TargetConfig target, WarehouseAccess warehouse, TemplateEngine templates) {
        // Only a file that mentions the directive can declare a family: the others are not rendered twice.
        List<ModelFile> candidates = project.models().stream().filter(file -> file.text().contains("<@family")).toList();
        if (candidates.isEmpty()) {
            return new Expansion(project, templates, List.of());
        }
        CompileContext discovery = CompileContext.discovery(project, target, warehouse.defaultSchema());
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<ModelFile, FamilySpec> specs = new LinkedHashMap<>();
        Map<String, List<FamilyMember>> families = new LinkedHashMap<>();
        for (ModelFile file : candidates) {
            try {
                RenderedModel rendered = templates.render(templates.parse(file), new FamilyFunctions(discovery,
                        file.name(), warehouse), FamilyMember.placeholder(file.name()));
                if (rendered.family() != null) {
                    specs.put(file, rendered.family());
                }
            } catch (DiagnosticException e) {
                diagnostics.add(e.diagnostic());
                families.put(file.name(), List.of());
            } catch (SluiceException e) {
                diagnostics.add(new Diagnostic(Severity.ERROR, e.code(), file.path(), 0, 0, e.getMessage(), null));
                families.put(file.name(), List.of());
            }
        }
        Set<String> taken = new TreeSet<>();
        project.models().stream().filter(file -> !specs.containsKey(file) && !families.containsKey(file.name()))
                .forEach(file -> taken.add(file.name()));
        List<ModelFile> models = new ArrayList<>();
        for (ModelFile file : project.models()) {
            FamilySpec spec = specs.get(file);
            if (spec == null) {
                if (!families.containsKey(file.name())) {
                    models.add(file);
                }
                continue;
            }
            FamilyNames.Members members = FamilyNames.members(file.name(), spec, taken,
                    name -> warehouse.describe(discovery.modelRelation(name, null)).isPresent());
            members.kept().forEach(member -> {
                taken.add(member.name());
                models.add(new ModelFile(member.name(), file.path(), file.text()));
            });
            families.put(file.name(), members.kept());
            if (!members.leftOut().isEmpty()) {
                diagnostics.add(new Diagnostic(Severity.WARNING, ErrorCode.TEMPLATE, file.path(), spec.line(),
                        spec.column(), leftOutMessage(file.name(), spec, members), Diagnostic.lineOf(file.text(),
                                spec.line())));
            }
        }
        Project expanded = new Project(project.directory(), project.config(), models, project.docs(),
                project.macroDirectories(), project.seedFiles(), project.tests(), project.unitTests(),
                project.warnings());
        return new Expansion(expanded, templates.withFamilies(families), diagnostics);
    }

    private static String leftOutMessage(String family, FamilySpec spec, FamilyNames.Members members) {
        List<String> names = members.leftOut().stream().map(FamilyMember::name).toList();
        String shown = String.join(", ", names.subList(0, Math.min(10, names.size())))
                + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
        return "model family \"" + family + "\" has " + (members.kept().size() + names.size())
                + " members, more than its limit of " + spec.limit() + "; left out (no model is built for them): "
                + shown + ". Raise the directive's limit= to build them";
    }
}
