package dev.sluice.cli;

import java.util.Locale;
import java.util.Map;

/**
 * Colour and live progress for people at a terminal: status words in colour, and lines redrawn in place. Off
 * when the output is not a terminal (a pipe, a file, CI's log, a command sent to {@code sluice serve}), under
 * {@code --quiet}, when {@code NO_COLOR} is set to anything (https://no-color.org) or {@code TERM=dumb}. Immutable.
 *
 * @param color whether status words are coloured with ANSI escapes
 * @param live whether progress may be redrawn in place (a terminal, not quiet)
 */
record Style(boolean color, boolean live) {
    static final Style PLAIN = new Style(false, false);

    private static final String RESET = "\u001b[0m";

    /**
     * How this process writes: a terminal is the JVM's console (standard input and output both terminals),
     * never for a command run inside the server.
     */
    static Style current() {
        boolean terminal = System.console() != null && ServedCommands.servedWorkspace() == null;
        return of(terminal, OutputSettings.current().quiet(), System.getenv());
    }

    static Style of(boolean terminal, boolean quiet, Map<String, String> environment) {
        boolean dumb = "dumb".equals(environment.get("TERM"));
        boolean noColor = environment.containsKey("NO_COLOR") && !environment.get("NO_COLOR").isEmpty();
        return new Style(terminal && !dumb && !noColor, terminal && !dumb && !quiet);
    }

    /** A status word ({@code success}, {@code error}, {@code warn}, ...) in its colour: green, red or yellow. */
    String status(String word) {
        if (!color) {
            return word;
        }
        String code = switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "success", "pass", "passed", "ok" -> "32";
            case "error", "fail", "failed", "tests_failed", "runtime error", "runtime_error" -> "31";
            case "warn", "skipped", "skip" -> "33";
            default -> null;
        };
        return code == null ? word : "\u001b[" + code + "m" + word + RESET;
    }

    /** A line that the next {@link #redraw} or ordinary line replaces, on a terminal; {@code ""} elsewhere. */
    String redraw(String text) {
        return live ? "\r\u001b[2K" + text : "";
    }

    /** Clears a line drawn by {@link #redraw}. */
    String clear() {
        return live ? "\r\u001b[2K" : "";
    }
}
