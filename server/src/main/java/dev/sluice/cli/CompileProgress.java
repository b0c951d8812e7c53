package dev.sluice.cli;

import dev.sluice.engine.compile.CompileOptions;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The count of models compiled so far ({@code Compiling 120/400 models}), redrawn in place, for a person waiting at
 * a terminal for a large project to compile. Drawn only where the output is a terminal with colour (not under
 * {@code --quiet}, {@code NO_COLOR}, {@code TERM=dumb}, in a pipe, a file or CI's log): elsewhere it prints
 * nothing. Thread-safe: every write holds {@code err}'s lock.
 */
final class CompileProgress implements CompileOptions.Progress {
    /** Redrawn at most ten times a second (faster is unreadable), the first and last count always. */
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final Style style;
    /** When the line was last drawn, or 0 before the first. Guarded by {@code err}'s lock. */
    private long drawnAt;

    CompileProgress(PrintWriter err, Style style) {
        this.err = err;
        this.style = style;
    }

    private boolean shown() {
        return style.live() && style.color();
    }

    @Override
    public void compiled(int done, int total) {
        if (!shown()) {
            return;
        }
        synchronized (err) {
            long now = System.nanoTime();
            if (drawnAt != 0 && done < total && now - drawnAt < REDRAW_NANOS) {
                return;
            }
            drawnAt = now;
            err.print(style.redraw(String.format(Locale.ROOT, "Compiling %d/%d models", done, total)));
            err.flush();
        }
    }

    /** Removes the line, before the compile's own output. */
    void clear() {
        if (shown()) {
            synchronized (err) {
                err.print(style.clear());
                err.flush();
            }
        }
    }
}
