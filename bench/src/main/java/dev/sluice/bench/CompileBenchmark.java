package dev.sluice.bench;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ValidationStatus;
import java.nio.file.Path;

/**
 * {@code Workspace.compile} on a generated project in a warm JVM: warm-up compiles first, then
 * measured ones, each after a full GC, reporting the median, the time per model and the heap.
 */
final class CompileBenchmark {
    private final Path workDirectory;
    private final int threads = Runtime.getRuntime().availableProcessors();

    CompileBenchmark(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /** What one size measured. */
    record Result(int models, GeneratedProject.Shape shape, Samples samples, Samples cpu, double peakHeapMb,
            double liveHeapMb) {}

    Path projectDirectory(int size) {
        return workDirectory.resolve("compile-" + size);
    }

    Result measure(int size) throws Exception {
        Path project = projectDirectory(size);
        GeneratedProject.Shape shape = GeneratedProject.write(project, size);
        System.out.printf("compile %d: generated %s (%d refs, longest chain %d models; %s)%n", size, project,
                shape.edges(), shape.longestChain(), shape.kinds());
        int warmups = size <= 1000 ? 3 : 2;
        int measured = size <= 1000 ? 7 : 5;
        Samples samples = new Samples();
        Samples cpu = new Samples();
        double peakHeapMb = 0;
        double liveHeapMb;
        try (Workspace workspace = Workspace.open(project, null)) {
            for (int run = 0; run < warmups; run++) {
                CompiledProject compiled = compile(workspace);
                if (run == 0) {
                    requireClean(compiled);
                }
            }
            CompiledProject last = null;
            for (int run = 0; run < measured; run++) {
                HeapPeak heap = new HeapPeak();
                heap.start();
                double cpuBefore = ProcessCpu.millis();
                last = samples.time(() -> compile(workspace));
                cpu.add(ProcessCpu.millis() - cpuBefore);
                peakHeapMb = Math.max(peakHeapMb, heap.peakMegabytes());
                System.out.printf("compile %d: run %d %.0f ms wall, %.0f ms CPU (heap before %.0f MB, peak %.0f MB)%n",
                        size, run + 1, samples.last(), cpu.last(), heap.baselineMegabytes(), heap.peakMegabytes());
            }
            liveHeapMb = HeapPeak.liveMegabytes();
            requireClean(last);
        }
        System.out.printf("compile %d: wall %s, %.2f ms per model; CPU %s%n", size, samples.summary(),
                samples.median() / size, cpu.summary());
        return new Result(size, shape, samples, cpu, peakHeapMb, liveHeapMb);
    }

    private CompiledProject compile(Workspace workspace) throws InterruptedException {
        // -Dbench.lineage=true adds column lineage (sluice compile's default); runs and this goal measure without it.
        // Every compile here validates every model: the same project compiled again in one process would
        // otherwise reuse the analyses of the round before (in memory, and in target/analysis-cache.json), and
        // this measures a first compile.
        dev.sluice.engine.compile.AnalysisCache.clearIncludingDisk(workspace.project().directory().resolve("target"));
        return workspace.compile(new CompileOptions(false, threads).withLineage(Boolean.getBoolean("bench.lineage")));
    }

    /** A benchmark of a project that does not validate would measure the wrong thing. */
    private static void requireClean(CompiledProject compiled) {
        long validated = compiled.count(ValidationStatus.VALIDATED);
        if (validated != compiled.models().size()) {
            compiled.diagnostics().stream().limit(5).forEach(diagnostic -> System.out.println("  " + diagnostic.format()));
            throw new IllegalStateException("only " + validated + " of " + compiled.models().size()
                    + " generated models validated; fix the generator");
        }
    }
}
