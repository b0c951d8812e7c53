package dev.sluice.cli;

import java.io.PrintStream;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The command line's own lines when logs are JSON ({@code --log-format json}, {@code SLUICE_LOG_FORMAT=json}):
 * each line written here goes out as one JSON log line, as {@link JsonLogEncoder} writes them, so that a log
 * shipper reading the process's output parses every line: errors ({@code error [PROJECT_CONFIG]: ...}) and
 * progress on stderr, the start-up lines of {@code sluice serve} on stdout. A line that starts with
 * {@code error} is level {@code ERROR}, with {@code warn} {@code WARN}, any other {@code INFO}.
 *
 * <p>Thread-safe: lines from several threads are each written whole.
 */
final class JsonLineWriter extends Writer {
    private final PrintStream target;
    private final String loggerName;
    private final StringBuilder line = new StringBuilder();

    JsonLineWriter(PrintStream target, String loggerName) {
        this.target = target;
        this.loggerName = loggerName;
    }

    /**
     * For {@link Thread#setDefaultUncaughtExceptionHandler} when logs are JSON: an exception no code caught is an
     * {@code ERROR} log line with its stack trace as one string, not the JVM's lines of plain text.
     */
    static final Thread.UncaughtExceptionHandler UNCAUGHT = (thread, exception) ->
            org.slf4j.LoggerFactory.getLogger(SluiceCommand.class).error("uncaught exception in thread {}: {}",
                    thread.getName(), exception.toString(), exception);

    /** Whether this process's logs are JSON: set by the option or the environment before any command runs. */
    static boolean enabled() {
        return "json".equalsIgnoreCase(System.getProperty("SLUICE_LOG_FORMAT", System.getenv("SLUICE_LOG_FORMAT")));
    }

    @Override
    public synchronized void write(char[] characters, int offset, int length) {
        for (int index = offset; index < offset + length; index++) {
            char character = characters[index];
            if (character == '\n') {
                emit();
            } else if (character != '\r') {
                line.append(character);
            }
        }
    }

    private void emit() {
        String message = line.toString();
        line.setLength(0);
        if (message.isBlank()) {
            return;
        }
        String start = message.stripLeading().toLowerCase(Locale.ROOT);
        String level = start.startsWith("error") ? "ERROR" : start.startsWith("warn") ? "WARN" : "INFO";
        // Milliseconds, as logback's lines have them.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] json = JsonLogEncoder.line(now, level, loggerName, Thread.currentThread().getName(), message, null);
        target.write(json, 0, json.length);
        target.flush();
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    @Override
    public synchronized void close() {
        emit();
        target.flush();
    }
}
