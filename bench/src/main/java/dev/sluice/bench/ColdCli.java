package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ./sluice compile --project DIR} in a fresh JVM, under {@code /usr/bin/time -v}: wall time
 * as seen from here (JVM start included) and the child's maximum resident set size.
 */
final class ColdCli {
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    record Result(double wallMillis, double maxRssMb, int exitCode, String lastLine) {}

    private ColdCli() {}

    /**
     * Runs the launcher once unmeasured: it rebuilds the CLI when its jar is older than the sources,
     * and that build is not part of a cold start.
     */
    static void prepare(Path root) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(root.resolve("sluice").toString(), "--help")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("./sluice --help failed; build the CLI with ./mvnw install -DskipTests");
        }
    }

    /** @param root the repository root, where the {@code sluice} launcher is */
    static Result compile(Path root, Path project) throws IOException, InterruptedException {
        return run(root, List.of("compile", "--project", project.toString()));
    }

    /** Any CLI command, timed the same way; {@code lastLine} is the first line it printed. */
    static Result run(Path root, List<String> arguments) throws IOException, InterruptedException {
        Path log = Files.createTempFile("sluice-bench-cli", ".log");
        Path out = Files.createTempFile("sluice-bench-cli", ".out");
        try {
            List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/time", "-v", root.resolve("sluice").toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(log.toFile()).redirectOutput(out.toFile());
            long start = System.nanoTime();
            int exit = builder.start().waitFor();
            double wall = (System.nanoTime() - start) / 1e6;
            Matcher rss = MAX_RSS.matcher(Files.readString(log));
            List<String> lines = Files.readAllLines(out);
            return new Result(wall, rss.find() ? Long.parseLong(rss.group(1)) / 1024.0 : Double.NaN, exit,
                    lines.isEmpty() ? "" : lines.get(0));
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(out);
        }
    }
}
