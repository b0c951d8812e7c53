package dev.sluice.engine.freshness;

import java.time.Duration;

/** Durations as a person reads them: {@code 3d 4h}, {@code 2h 5m}, {@code 40s}. Thread-safe (stateless). */
public final class Ages {
    private Ages() {}

    /** The two largest units of a duration; negative durations (a row from the future) keep their sign. */
    public static String describe(Duration duration) {
        if (duration.isNegative()) {
            return "-" + describe(duration.negated());
        }
        long seconds = duration.getSeconds();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (seconds % 60 > 0 ? " " + seconds % 60 + "s" : "");
        }
        return seconds + "s";
    }
}
