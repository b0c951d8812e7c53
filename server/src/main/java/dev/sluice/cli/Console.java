package dev.sluice.cli;

import dev.sluice.engine.Diagnostic;
import java.io.PrintWriter;
import java.util.List;

/** Shared output helpers for commands. */
final class Console {
    private Console() {}

    /** Prints diagnostics, errors first, and returns whether any was an error. */
    static boolean printDiagnostics(PrintWriter err, List<Diagnostic> diagnostics) {
        diagnostics.stream().filter(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR)
                .forEach(diagnostic -> err.println(diagnostic.format()));
        diagnostics.stream().filter(diagnostic -> diagnostic.severity() == Diagnostic.Severity.WARNING)
                .forEach(diagnostic -> err.println(diagnostic.format()));
        err.flush();
        return diagnostics.stream().anyMatch(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR);
    }

    /** {@code 1 model}, {@code 2 models}: {@code plural} is a regular plural such as {@code models}. */
    static String count(long count, String plural) {
        return count + " " + (count == 1 ? plural.substring(0, plural.length() - 1) : plural);
    }

    static boolean isTerminal() {
        return System.console() != null;
    }
}
