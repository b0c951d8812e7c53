package dev.sluice.cli;

import dev.sluice.engine.Diagnostic;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
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

    /** {@code 2026-11-26 10:00:00}: the seconds always written (ISO's text drops {@code :00}), a fraction only when not 0. */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter(java.util.Locale.ROOT);

    /**
     * A value as a table or CSV cell: times with their seconds always written ({@code 10:00:00}, never the
     * {@code 10:00} of {@code LocalDateTime.toString()}), a space between date and time, a fraction only when not
     * 0, an offset as {@code +00:00}; anything else as {@link String#valueOf}.
     */
    static String cell(Object value) {
        if (value instanceof LocalDateTime time) {
            return DATE_TIME.format(time);
        }
        if (value instanceof OffsetDateTime time) {
            return DATE_TIME.format(time) + offset(time.getOffset());
        }
        if (value instanceof LocalTime time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
        }
        if (value instanceof OffsetTime time) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(time) + offset(time.getOffset());
        }
        return String.valueOf(value);
    }

    /** A time to the second, for status tables ({@code last run}): {@code 2026-11-26 10:00:00}, or {@code never}. */
    static String secondsOrNever(LocalDateTime time) {
        return time == null ? "never" : DATE_TIME.format(time.withNano(0));
    }

    private static String offset(java.time.ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    }

    static boolean isTerminal() {
        return System.console() != null;
    }
}
