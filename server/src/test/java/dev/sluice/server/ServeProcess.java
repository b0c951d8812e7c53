package dev.sluice.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice serve} in a child JVM, as an operator runs it: it holds the project's DuckDB file,
 * and signals reach it for real. Its stderr goes to {@code serve.err} in the project.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    private final Process process;
    private final Path project;
    private final int port;
    private java.util.List<String> stdout = java.util.List.of();

    private ServeProcess(Process process, Path project, int port) {
        this.process = process;
        this.project = project;
        this.port = port;
    }

    public static ServeProcess start(Path project, Map<String, String> environment) throws IOException {
        return start(project, environment, new String[0]);
    }

    /** @param options more options of {@code sluice serve}, such as {@code --no-watch} */
    public static ServeProcess start(Path project, Map<String, String> environment, String... options)
            throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.SluiceCommand", "serve", "--port", "0",
                "--host", "127.0.0.1", "--project", project.toString()));
        command.addAll(java.util.List.of(options));
        if (hangupIgnored()) {
            // A build started under nohup ignores SIGHUP, and a child inherits that: the JVM would then never install
            // the server's reload on SIGHUP. env puts the default back before it starts the server (same process).
            command.addAll(0, java.util.List.of("env", "--default-signal=HUP"));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectError(project.resolve("serve.err").toFile());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        java.util.List<String> stdout = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        String line;
        while ((line = out.readLine()) != null) {
            stdout.add(line);
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                // Keep reading stdout so the child never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        String more;
                        while ((more = out.readLine()) != null) {
                            stdout.add(more);
                        }
                    } catch (IOException e) {
                        // the child exited
                    }
                });
                drain.setDaemon(true);
                drain.start();
                ServeProcess serve = new ServeProcess(process, project, Integer.parseInt(matcher.group(1)));
                serve.stdout = stdout;
                return serve;
            }
        }
        throw new AssertionError("sluice serve exited before listening; its stderr:\n"
                + Files.readString(project.resolve("serve.err")));
    }

    public int port() {
        return port;
    }

    public Http http() {
        return new Http(port);
    }

    public Process process() {
        return process;
    }

    /** Sends SIGTERM (the JDK's {@code destroy()} on Linux). */
    public void terminate() {
        process.destroy();
    }

    /** Sends a second SIGTERM; {@code destroy()} only signals once per handle. */
    public void terminateAgain() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
    }

    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new AssertionError("sluice serve did not exit");
        }
        return process.exitValue();
    }

    /** The lines the server printed on stdout so far. */
    public java.util.List<String> stdout() {
        synchronized (stdout) {
            return java.util.List.copyOf(stdout);
        }
    }

    public String stderr() throws IOException {
        return Files.readString(project.resolve("serve.err"));
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this process ignores SIGHUP (Linux: bit 0 of SigIgn in /proc/self/status); false where that is unknown. */
    private static boolean hangupIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 1) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: start the server as it is.
        }
        return false;
    }
}
