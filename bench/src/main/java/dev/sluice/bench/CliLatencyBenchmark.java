package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cold CLI commands as a user types them, each a new process through the {@code ./sluice} launcher: {@code compile}
 * of the quickstart sample (seeded and run once, so every model validates) and {@code ls} of a generated 60-model
 * project, against {@code java -version} timed in the same rounds (the JVM's own start). Each round runs all three
 * once, interleaved, so load on a shared machine falls on all of them alike; the report gives medians.
 */
final class CliLatencyBenchmark {
    private static final int ROUNDS = 7;
    private final Path root;
    private final Path work;

    CliLatencyBenchmark(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    List<String> rows() throws Exception {
        ColdCli.prepare(root);
        Path quickstart = work.resolve("cli-quickstart");
        copy(root.resolve("samples/quickstart"), quickstart);
        requireSuccess(ColdCli.run(root, List.of("seed", "--project", quickstart.toString())), "seed");
        requireSuccess(ColdCli.run(root, List.of("run", "--project", quickstart.toString())), "run");
        Path sixty = work.resolve("cli-ls-60");
        if (!Files.exists(sixty.resolve("sluice.yml"))) {
            GeneratedProject.write(sixty, 60);
        }
        // The first command after a build writes the class-data archive (see ./sluice); it is not a cold start.
        requireSuccess(ColdCli.run(root, List.of("compile", "--project", quickstart.toString())), "compile");
        requireSuccess(ColdCli.run(root, List.of("ls", "--project", sixty.toString())), "ls");
        Samples java = new Samples();
        Samples compile = new Samples();
        Samples ls = new Samples();
        for (int round = 0; round < ROUNDS; round++) {
            java.add(javaVersion());
            ColdCli.Result compiled = ColdCli.run(root, List.of("compile", "--project", quickstart.toString()));
            requireSuccess(compiled, "compile");
            compile.add(compiled.wallMillis());
            ColdCli.Result listed = ColdCli.run(root, List.of("ls", "--project", sixty.toString()));
            requireSuccess(listed, "ls");
            ls.add(listed.wallMillis());
            System.out.printf("cli latency round %d: java -version %.0f ms, compile %.0f ms, ls %.0f ms (%s)%n", round + 1,
                    java.last(), compile.last(), ls.last(), Files.readString(Path.of("/proc/loadavg")).trim());
        }
        List<String> rows = new ArrayList<>();
        rows.add("| cold command (new process, median of %d) | median | min / max | over `java -version` | goal < 1.5 s |"
                .formatted(ROUNDS));
        rows.add("|---|---|---|---|---|");
        rows.add(row("`java -version`", java, java.median(), ""));
        rows.add(row("`./sluice compile` of the quickstart (6 models)", compile, java.median(),
                compile.median() < 1500 ? "met" : "missed"));
        rows.add(row("`./sluice ls` of a 60-model project", ls, java.median(), ls.median() < 1500 ? "met" : "missed"));
        rows.add("");
        rows.add("Load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        rows.add("");
        return rows;
    }

    private static String row(String label, Samples samples, double baseline, String verdict) {
        return "| %s | %.2f s | %.2f / %.2f s | +%.2f s | %s |".formatted(label, samples.median() / 1000, samples.min() / 1000,
                samples.max() / 1000, (samples.median() - baseline) / 1000, verdict);
    }

    private static double javaVersion() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder("java", "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.waitFor();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void requireSuccess(ColdCli.Result result, String what) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException("./sluice " + what + " failed (exit " + result.exitCode() + "): " + result.lastLine());
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path copy = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
