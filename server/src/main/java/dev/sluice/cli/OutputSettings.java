package dev.sluice.cli;

import java.util.List;
import java.util.Locale;

/**
 * {@code --quiet} and {@code --log-format}, which every command takes: read from the command line before it is
 * parsed, because logging must be set up before the first logger exists.
 *
 * @param quiet no progress lines, and only errors logged
 * @param logFormat {@code text} or {@code json}, or {@code null} to keep {@code SLUICE_LOG_FORMAT}
 */
record OutputSettings(boolean quiet, String logFormat) {
    private static final ThreadLocal<OutputSettings> CURRENT = ThreadLocal.withInitial(() -> new OutputSettings(false, null));

    static OutputSettings of(String[] args) {
        boolean quiet = false;
        String format = null;
        List<String> list = List.of(args);
        for (int index = 0; index < list.size(); index++) {
            String arg = list.get(index);
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("-q") || arg.equals("--quiet")) {
                quiet = true;
            } else if (arg.equals("--log-format") && index + 1 < list.size()) {
                format = list.get(index + 1).toLowerCase(Locale.ROOT);
            } else if (arg.startsWith("--log-format=")) {
                format = arg.substring("--log-format=".length()).toLowerCase(Locale.ROOT);
            }
        }
        return new OutputSettings(quiet, format);
    }

    /**
     * Sets logback's variables ({@code logback.xml} reads system properties before the environment). Called by
     * {@code main} only, before anything logs; a command run inside {@code sluice serve} leaves its logging alone.
     */
    void applyToLogging() {
        if (logFormat != null && (logFormat.equals("json") || logFormat.equals("text"))) {
            System.setProperty("SLUICE_LOG_FORMAT", logFormat);
        }
        if (quiet) {
            System.setProperty("SLUICE_LOG_LEVEL", "ERROR");
            System.setProperty("SLUICE_JOB_LOG_LEVEL", "ERROR");
        }
    }

    /** The settings of the command running on this thread. */
    static OutputSettings current() {
        return CURRENT.get();
    }

    static void set(OutputSettings settings) {
        CURRENT.set(settings);
    }

    static void clear() {
        CURRENT.remove();
    }
}
