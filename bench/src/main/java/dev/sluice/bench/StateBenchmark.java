package dev.sluice.bench;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.DiscoveredProject;
import dev.sluice.engine.graph.Selection;
import dev.sluice.engine.run.SavedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code state:modified} selection on a generated project, against a full compile in the same JVM.
 * The project of {@link GeneratedProject} gets a macro file, used by {@link #MACRO_USERS} models; a full
 * compile saves the state; then two edits are measured: {@link #EDITED} model files changed, and the macro
 * changed. Each selection is timed as a run does it (project load, discovering render, selection) in a warm
 * JVM, followed by the partial compile a run then does of what {@code state:modified+} selects; then cold,
 * as {@code ./sluice ls -s state:modified --state DIR} in a fresh JVM.
 *
 * <p>The selections are checked: the edited models, and exactly the macro's users, or the benchmark stops.
 */
final class StateBenchmark {
    static final int EDITED = 10;
    static final int MACRO_USERS = 25;
    private static final String MACRO_FILE = "macros/bench.ftl";

    private final Path root;
    private final Path workDirectory;
    private final int threads = Runtime.getRuntime().availableProcessors();

    StateBenchmark(Path root, Path workDirectory) {
        this.root = root;
        this.workDirectory = workDirectory;
    }

    /** One edit's numbers: what was selected, the warm timings, the cold CLI's. */
    record Scenario(String edit, int modified, int withDescendants, Samples selection, Samples discover,
            Samples partialCompile, ColdCli.Result cold) {}

    record Result(int models, Samples fullCompile, List<Scenario> scenarios) {}

    Result measure(int size) throws Exception {
        Path project = workDirectory.resolve("state-" + size);
        GeneratedProject.write(project, size);
        List<Path> files;
        try (var walk = Files.walk(project.resolve("models"))) {
            files = walk.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
        }
        Files.createDirectories(project.resolve("macros"));
        Files.writeString(project.resolve(MACRO_FILE), "<#macro bench_note>-- note v1</#macro>\n");
        List<String> macroUsers = new ArrayList<>();
        for (int index = 0; index < MACRO_USERS; index++) {
            Path file = files.get(files.size() / 2 + index * (files.size() / 2 / MACRO_USERS));
            Files.writeString(file, Files.readString(file) + "<@bench_note />\n");
            macroUsers.add(stem(file));
        }
        Path state = project.resolve("saved-state");
        Samples fullCompile = new Samples();
        try (Workspace workspace = Workspace.open(project, null)) {
            CompileOptions options = new CompileOptions(false, threads).withLineage(false);
            workspace.compile(options);
            for (int run = 0; run < 3; run++) {
                fullCompile.time(() -> workspace.compile(options));
                System.out.printf("state %d: full compile %.0f ms%n", size, fullCompile.last());
            }
        }
        Files.createDirectories(state);
        Files.copy(project.resolve("target/manifest.json"), state.resolve("manifest.json"),
                StandardCopyOption.REPLACE_EXISTING);

        List<Scenario> scenarios = new ArrayList<>();
        List<String> edited = new ArrayList<>();
        Map<Path, String> originals = new java.util.LinkedHashMap<>();
        for (int index = 0; index < EDITED; index++) {
            Path file = files.get(7 + index * (files.size() / EDITED));
            originals.put(file, Files.readString(file));
            Files.writeString(file, Files.readString(file) + "-- edited for the state benchmark\n");
            edited.add(stem(file));
        }
        scenarios.add(scenario(project, state, "%d model files edited".formatted(EDITED), Set.copyOf(edited)));
        for (Map.Entry<Path, String> original : originals.entrySet()) {
            Files.writeString(original.getKey(), original.getValue());
        }
        Files.writeString(project.resolve(MACRO_FILE), "<#macro bench_note>-- note v2</#macro>\n");
        scenarios.add(scenario(project, state, "a macro used by %d models edited".formatted(MACRO_USERS),
                Set.copyOf(macroUsers)));
        return new Result(size, fullCompile, scenarios);
    }

    private Scenario scenario(Path project, Path state, String edit, Set<String> expected) throws Exception {
        Samples selection = new Samples();
        Samples discover = new Samples();
        Samples partial = new Samples();
        List<String> modified = List.of();
        int withDescendants = 0;
        for (int run = 0; run < 7; run++) {
            long start = System.nanoTime();
            Map<String, String> saved = SavedState.fingerprints(state);
            try (Workspace workspace = Workspace.open(project, null)) {
                long discoverStart = System.nanoTime();
                DiscoveredProject discovered = workspace.discover(threads);
                double discoverMillis = (System.nanoTime() - discoverStart) / 1e6;
                modified = Selection.select(discovered.graph(), discovered.selectable(), List.of("state:modified"),
                        List.of(), saved);
                double selectionMillis = (System.nanoTime() - start) / 1e6;
                List<String> plus = Selection.select(discovered.graph(), discovered.selectable(),
                        List.of("state:modified+"), List.of(), saved);
                withDescendants = plus.size();
                long compileStart = System.nanoTime();
                CompiledProject compiled = workspace.compile(discovered,
                        new CompileOptions(false, threads).withLineage(false), Set.copyOf(plus));
                double partialMillis = (System.nanoTime() - compileStart) / 1e6;
                if (compiled.hasErrors()) {
                    throw new IllegalStateException("the partial compile has errors: " + compiled.diagnostics().get(0));
                }
                if (run >= 2) { // two warm-ups
                    selection.add(selectionMillis);
                    discover.add(discoverMillis);
                    partial.add(partialMillis);
                }
                System.out.printf("state (%s): selection %.0f ms (discover %.0f ms), %d modified, %d with"
                        + " descendants, their compile %.0f ms%n", edit, selectionMillis, discoverMillis,
                        modified.size(), withDescendants, partialMillis);
            }
        }
        if (!Set.copyOf(modified).equals(expected)) {
            throw new IllegalStateException("state:modified selected " + modified + ", expected " + expected);
        }
        ColdCli.Result cold = ColdCli.run(root, List.of("ls", "-s", "state:modified", "--state", state.toString(),
                "--project", project.toString()));
        System.out.printf("state (%s): cold ls %.0f ms, max RSS %.0f MB, exit %d%n", edit, cold.wallMillis(),
                cold.maxRssMb(), cold.exitCode());
        return new Scenario(edit, modified.size(), withDescendants, selection, discover, partial, cold);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".sql".length());
    }
}
