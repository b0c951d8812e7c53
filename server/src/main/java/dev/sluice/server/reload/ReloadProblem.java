package dev.sluice.server.reload;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.DiagnosticException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a reload did not swap the project in, with the file and position when the error names one. Immutable.
 *
 * @param file relative to the project ({@code models/orders.sql}, {@code sluice.yml}), or {@code null}
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 * @param message the whole message, position included, as the CLI prints it
 */
public record ReloadProblem(String file, int line, int column, String message) {
    /** {@code models/x.sql:12:8: ...}, {@code sluice.yml: ...}: the prefix every Sluice error starts with. */
    private static final Pattern POSITION = Pattern.compile("^([\\w./-]+\\.(?:sql|yml|yaml|ftl|csv|js|json))(?::(\\d+))?(?::(\\d+))?:");

    public ReloadProblem {
        requireNonNull(message, "message is null");
    }

    static ReloadProblem of(Diagnostic diagnostic) {
        return new ReloadProblem(diagnostic.file(), diagnostic.line(), diagnostic.column(), diagnostic.format());
    }

    static ReloadProblem of(RuntimeException error) {
        if (error instanceof DiagnosticException diagnostic) {
            return new ReloadProblem(diagnostic.diagnostic().file(), diagnostic.diagnostic().line(),
                    diagnostic.diagnostic().column(), error.getMessage());
        }
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        Matcher matcher = POSITION.matcher(message);
        if (!matcher.find()) {
            return new ReloadProblem(null, 0, 0, message);
        }
        return new ReloadProblem(matcher.group(1), matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2)),
                matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)), message);
    }
}
