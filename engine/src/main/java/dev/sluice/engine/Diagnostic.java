package dev.sluice.engine;

import static java.util.Objects.requireNonNull;

/**
 * One error or warning about a file, with its position and the offending line so the reader sees
 * the problem without opening the file.
 *
 * @param file the path relative to the project, for example {@code models/orders.sql}
 * @param line 1-based, 0 when the problem is about the whole file
 * @param column 1-based, 0 when unknown
 * @param sourceLine the text of that line, or {@code null}
 */
public record Diagnostic(Severity severity, ErrorCode code, String file, int line, int column, String message,
        String sourceLine) {
    public enum Severity {
        ERROR,
        WARNING
    }

    public Diagnostic {
        requireNonNull(severity, "severity is null");
        requireNonNull(code, "code is null");
        requireNonNull(file, "file is null");
        requireNonNull(message, "message is null");
    }

    /** The position prefix {@code file:line:column}, as compilers print it. */
    public String location() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + (column > 0 ? ":" + column : "");
    }

    /** The diagnostic as printed on a terminal: location, severity, message, then the line with a caret. */
    public String format() {
        StringBuilder out = new StringBuilder()
                .append(location()).append(": ")
                .append(severity == Severity.ERROR ? "error" : "warning")
                .append(": ").append(message);
        if (sourceLine != null && line > 0) {
            String gutter = String.format(" %5d | ", line);
            out.append('\n').append(gutter).append(sourceLine.stripTrailing());
            if (column > 0) {
                out.append('\n').append(" ".repeat(gutter.length() - 2)).append("| ")
                        .append(caretIndent(sourceLine, column)).append('^');
            }
        }
        return out.toString();
    }

    /** Spaces up to the column, keeping tabs so the caret lines up under tab-indented SQL. */
    private static String caretIndent(String text, int column) {
        StringBuilder indent = new StringBuilder();
        for (int i = 0; i < column - 1 && i < text.length(); i++) {
            indent.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        return indent.toString();
    }

    /** The 1-based line of {@code text}, or {@code null} when out of range. */
    public static String lineOf(String text, int line) {
        if (text == null || line <= 0) {
            return null;
        }
        String[] lines = text.split("\n", -1);
        return line <= lines.length ? lines[line - 1] : null;
    }
}
