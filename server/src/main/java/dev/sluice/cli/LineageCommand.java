package dev.sluice.cli;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.Names;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ModelDefinition;
import dev.sluice.engine.compile.SourceRef;
import java.io.PrintWriter;
import dev.sluice.engine.lineage.ColumnLineageGraph;
import dev.sluice.engine.lineage.LineageTree;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"Print the DAG of models and sources, whole or around one model, as text, Mermaid or DOT.",
                "With --columns, print where a column comes from: the columns of refs and sources it is copied or"
                        + " derived from, recursively down to sources."})
final class LineageCommand implements Callable<Integer> {
    enum Format { text, mermaid, dot }

    @Mixin
    ProjectOptions projectOptions;

    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "Show only this model's ancestors and descendants.")
    String model;

    @Option(names = "--format", description = "text (default), mermaid or dot.")
    Format format = Format.text;

    @Option(names = "--columns", paramLabel = "MODEL.COLUMN", split = ",",
            description = "Print the upstream column tree of these columns (MODEL alone: each of its columns).")
    List<String> columns = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Workspace workspace = projectOptions.open()) {
            CompiledProject compiled = workspace.compile(CompileOptions.defaults());
            if (!columns.isEmpty()) {
                printColumns(compiled, spec.commandLine().getOut());
                return 0;
            }
            Set<String> shown = new LinkedHashSet<>(compiled.graph().topologicalOrder());
            if (model != null) {
                if (!compiled.graph().contains(model)) {
                    throw new SluiceException(ErrorCode.SELECTOR, "no model named \"" + model + "\""
                            + Names.didYouMean(model, compiled.models().keySet()));
                }
                shown.retainAll(union(compiled.graph().ancestors(model), compiled.graph().descendants(model), model));
            }
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case text -> printText(compiled, shown, out);
                case mermaid -> printEdges(compiled, shown, out, "graph LR", "  %s --> %s", "");
                case dot -> printEdges(compiled, shown, out, "digraph sluice {\n  rankdir=LR;", "  \"%s\" -> \"%s\";", "}");
            }
            out.flush();
            return 0;
        }
    }

    private void printColumns(CompiledProject compiled, PrintWriter out) {
        ColumnLineageGraph graph = ColumnLineageGraph.of(compiled);
        for (String wanted : columns) {
            int dot = wanted.indexOf('.');
            String modelName = dot < 0 ? wanted : wanted.substring(0, dot);
            List<String> names = dot < 0 ? graph.columns(modelName) : List.of(wanted.substring(dot + 1));
            for (String column : names) {
                out.print(LineageTree.render(graph.upstream(modelName, column)));
            }
        }
        out.flush();
    }

    private static Set<String> union(Set<String> ancestors, Set<String> descendants, String model) {
        Set<String> all = new LinkedHashSet<>(ancestors);
        all.addAll(descendants);
        all.add(model);
        return all;
    }

    private static void printText(CompiledProject compiled, Set<String> shown, PrintWriter out) {
        for (String name : shown) {
            ModelDefinition definition = compiled.models().get(name).definition();
            Set<String> inputs = new LinkedHashSet<>(definition.refs());
            definition.sources().forEach(source -> inputs.add(source.toString()));
            out.printf("%s (%s)%s%n", name, definition.materialization().configName(),
                    inputs.isEmpty() ? "" : " <- " + String.join(", ", inputs));
        }
    }

    private static void printEdges(CompiledProject compiled, Set<String> shown, PrintWriter out, String head,
            String edge, String tail) {
        out.println(head);
        boolean mermaid = head.startsWith("graph");
        for (String name : shown) {
            ModelDefinition definition = compiled.models().get(name).definition();
            for (SourceRef source : definition.sources()) {
                String node = mermaid ? "src_" + source.source() + "_" + source.table() + "[(" + source.source() + "."
                        + source.table() + ")]" : source.source() + "." + source.table();
                out.println(String.format(edge, node, name));
            }
            for (String ref : definition.refs()) {
                if (shown.contains(ref)) {
                    out.println(String.format(edge, ref, name));
                }
            }
        }
        if (!tail.isEmpty()) {
            out.println(tail);
        }
    }
}
