package dev.sluice.conformance;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.server.load.EventLoader;
import dev.sluice.server.spool.Spool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * A child JVM that does one piece of real work on a conformance project's {@code paused} target (a
 * {@link PausingWarehouse}) and is killed ({@link Process#destroyForcibly()}, SIGKILL) where it pauses.
 * {@code main} is the child; {@link #runUntilKilled} is the parent's side.
 */
final class KilledChild {
    private KilledChild() {}

    /**
     * {@code run <project>}: {@code sluice run} of every model; {@code load <project> <spool>}: the collector's
     * loader moves the spool into the warehouse.
     */
    public static void main(String[] args) throws Exception {
        try (Workspace workspace = Workspace.open(Path.of(args[1]), "paused")) {
            switch (args[0]) {
                case "run" -> workspace.run(new RunOptions(List.of(), List.of(), 1, false), RunListener.NONE);
                case "load" -> {
                    try (Spool spool = Spool.open(Path.of(args[2]), Spool.DEFAULT_SEGMENT_BYTES)) {
                        EventLoader.open(workspace.warehouse(), spool, Set.of("rudder"), Clock.systemUTC()).loadAvailable();
                    }
                }
                default -> throw new IllegalArgumentException("unknown work " + args[0]);
            }
        }
        System.out.println("FINISHED WITHOUT PAUSING");
    }

    /**
     * Starts the child with {@code args}, waits until it pauses after the step matching {@code pauseAfter} and
     * kills it.
     *
     * @return the step it paused after
     * @throws AssertionError when the child ends without pausing, with its output
     */
    static String runUntilKilled(Path log, String pauseAfter, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-D" + PausingWarehouse.PAUSE_AFTER + "=" + pauseAfter, "-cp",
                System.getProperty("java.class.path"), KilledChild.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(PausingWarehouse.PAUSED)) {
                    child.destroyForcibly();
                    child.waitFor();
                    return line.substring(PausingWarehouse.PAUSED.length());
                }
            }
            child.waitFor();
            throw new AssertionError("the child never reached a step matching " + pauseAfter + "; exit "
                    + child.exitValue() + ", stderr:\n" + Files.readString(log));
        } finally {
            child.destroyForcibly();
        }
    }
}
