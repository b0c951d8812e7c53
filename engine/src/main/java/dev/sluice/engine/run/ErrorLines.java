package dev.sluice.engine.run;

import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.template.SourceLines;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the model file's line that a warehouse error points at. DuckDB names the line of the statement
 * it ran ({@code LINE 4: select ...}), which is the compiled query wrapped in the materialization's DDL,
 * with ephemeral models inlined: the line's text is looked up in the rendered model, and the rendered
 * line is mapped back through the template to the file. Stateless and thread-safe.
 */
final class ErrorLines {
    private static final Pattern LINE = Pattern.compile("LINE (\\d+): ?(.*)");

    private ErrorLines() {}

    /**
     * The error message prefixed with {@code file:line: } when the line can be told, else with {@code file: }.
     */
    static String locate(CompiledModel model, String message) {
        String path = model.definition().file().path();
        int line = fileLine(model, String.valueOf(message));
        return path + (line > 0 ? ":" + line : "") + ": " + message;
    }

    /** The 1-based file line, or 0 when the message names no line or its text is not in the rendered model. */
    static int fileLine(CompiledModel model, String message) {
        Matcher found = LINE.matcher(message);
        if (!found.find()) {
            return 0;
        }
        int statementLine = Integer.parseInt(found.group(1));
        String snippet = found.group(2).strip();
        // DuckDB cuts a long line around the error and marks the cuts with "...".
        snippet = snippet.replaceFirst("^\\.\\.\\.", "").replaceFirst("\\.\\.\\.$", "").strip();
        if (snippet.isEmpty() || model.renderedSql() == null) {
            return 0;
        }
        List<String> rendered = model.renderedSql().lines().toList();
        int best = 0;
        for (int line = 1; line <= rendered.size(); line++) {
            // The statement adds lines before the model's (DDL, inlined ephemeral models), never removes
            // them: of the lines with this text, the one closest above the statement's line.
            if (rendered.get(line - 1).contains(snippet) && line <= statementLine) {
                best = line;
            }
        }
        return best == 0 ? 0 : SourceLines.of(model.definition().file().text(), model.renderedSql()).fileLine(best);
    }
}
