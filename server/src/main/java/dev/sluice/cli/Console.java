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

    static boolean isTerminal() {
        return System.console() != null;
    }
}
