package dev.sluice.bench.collector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServerMain} child JVM and its command channel. Log lines of the child are copied to this
 * JVM's standard output with a prefix; replies go to the caller of {@link #command}.
 *
 * <p>Not thread-safe: one caller sends commands.
 */
final class ServerProcess implements AutoCloseable {
    static final String REPLY = "@bench ";

    /** Heap in bytes and CPU in milliseconds of the child, from its {@code stats} reply. */
    record Stats(long peakUsed, long peakAfterGc, long committed, long collections, long cpuMillis, long unloadedBytes,
            long spooledBytes) {
        double peakUsedMb() {
            return peakUsed / 1048576.0;
        }

        double peakAfterGcMb() {
            return peakAfterGc / 1048576.0;
        }
    }

    private final String mode;
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final int port;

    private ServerProcess(String mode, Process process) throws IOException, InterruptedException {
        this.mode = mode;
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "bench-" + mode + "-output");
        reader.setDaemon(true);
        reader.start();
        this.port = Integer.parseInt(reply("port"));
    }

    /** {@code {mode}} in a JVM option becomes the mode, for example in a JFR file name. */
    static ServerProcess start(String mode, Path directory, List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmArgs.forEach(argument -> command.add(argument.replace("{mode}", mode)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName(),
                "--mode", mode, "--dir", directory.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ServerProcess(mode, process);
    }

    URI batchUri() {
        return URI.create("http://127.0.0.1:" + port + "/v1/batch");
    }

    long pid() {
        return process.pid();
    }

    void resetHeap() throws InterruptedException {
        commands.println("reset");
        reply("ok");
    }

    Stats stats() throws InterruptedException {
        commands.println("stats");
        String[] parts = reply("stats").split(" ");
        return new Stats(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                Long.parseLong(parts[3]), Long.parseLong(parts[4]), Long.parseLong(parts[5]), Long.parseLong(parts[6]));
    }

    /**
     * Loads the spool into the warehouse now; returns {unloaded bytes before, milliseconds it took,
     * the server's CPU milliseconds meanwhile}.
     */
    long[] load() throws InterruptedException {
        commands.println("load");
        String[] parts = reply("loaded").split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[3])};
    }

    /**
     * Stops the server (the collector loads everything first); returns {rows, distinct message ids,
     * close ms, the child's CPU ms over its whole life, unloaded bytes before closing, spool bytes ever written}.
     */
    long[] stop() throws InterruptedException {
        commands.println("stop");
        String[] parts = reply("rows").split(" ");
        process.waitFor(2, TimeUnit.MINUTES);
        return java.util.Arrays.stream(parts).mapToLong(Long::parseLong).toArray();
    }

    private String reply(String expected) throws InterruptedException {
        String line = replies.poll(10, TimeUnit.MINUTES);
        if (line == null || !line.startsWith(expected)) {
            throw new IllegalStateException(mode + " server: expected \"" + expected + "\", got " + line);
        }
        return line.substring(expected.length()).trim();
    }

    private void readOutput() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith(REPLY)) {
                    replies.add(line.substring(REPLY.length()));
                } else {
                    System.out.println("[" + mode + "] " + line);
                }
            }
        } catch (IOException e) {
            System.out.println("[" + mode + "] output closed: " + e.getMessage());
        }
        replies.add("exited");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
