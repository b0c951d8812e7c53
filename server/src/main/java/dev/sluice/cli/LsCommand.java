package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.DiscoveredProject;
import dev.sluice.engine.compile.SourceRef;
import dev.sluice.engine.graph.Selection;
import dev.sluice.engine.run.SavedState;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ls", mixinStandardHelpOptions = true, description = "List models with their kind and dependencies.")
final class LsCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--state", paramLabel = "DIR",
            description = "A saved run's target folder (with manifest.json), for state:modified and state:new selectors.")
    Path state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Read first: the compile below rewrites target/manifest.json, which --state may point at.
        Map<String, String> saved = state == null ? null : SavedState.fingerprints(state);
        try (Workspace workspace = projectOptions.openOnDemand()) {
            CompileOptions options = CompileOptions.defaults();
            // Selectors are evaluated on the discovering render; only the listed models are then compiled.
            DiscoveredProject discovered = workspace.discover(options.threads());
            List<String> names = Selection.select(discovered.graph(), discovered.selectable(), selection.select,
                    selection.exclude, saved);
            boolean all = selection.select.isEmpty() && selection.exclude.isEmpty();
            CompiledProject compiled = workspace.compile(discovered, options, all ? null : Set.copyOf(names));
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode array = mapper.createArrayNode();
                for (String name : names) {
                    CompiledModel model = compiled.models().get(name);
                    var node = array.addObject().put("name", name)
                            .put("kind", model.definition().materialization().configName())
                            .put("path", model.definition().file().path())
                            .put("status", model.status().name().toLowerCase(Locale.ROOT));
                    var depends = node.putArray("depends_on");
                    dependencies(model).forEach(depends::add);
                }
                spec.commandLine().getOut().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            } else {
                TextTable table = new TextTable(List.of("model", "kind", "status", "depends on"));
                for (String name : names) {
                    CompiledModel model = compiled.models().get(name);
                    table.add(List.of(name, model.definition().materialization().configName(),
                            model.status().name().toLowerCase(Locale.ROOT), String.join(", ", dependencies(model))));
                }
                table.print(spec.commandLine().getOut());
            }
            return 0;
        }
    }

    private static List<String> dependencies(CompiledModel model) {
        return Stream.concat(model.definition().refs().stream(),
                model.definition().sources().stream().map(SourceRef::toString)).collect(Collectors.toList());
    }
}
