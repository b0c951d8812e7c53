package dev.sluice.server.schedule;

import static java.util.Objects.requireNonNull;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * When a schedule fires: a Quartz cron expression (six or seven fields, seconds first), or a
 * shorthand that becomes one: {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly},
 * {@code @yearly}, {@code every 30 minutes}, {@code every 10 seconds}, {@code every 2 hours},
 * {@code every day}. Immutable and thread-safe.
 *
 * <p>An {@code every N units} shorthand must divide its next-larger unit evenly (60 seconds, 60
 * minutes, 24 hours): the schedule is a cron expression anchored on the clock, so it fires at the same
 * times after a restart, which is what lets start-up tell whether a fire was missed.
 *
 * @param expression as written in {@code sluice.yml}
 * @param quartzCron the Quartz cron expression it stands for
 */
public record CronSchedule(String expression, String quartzCron, TimeZone zone) {
    private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 0 1 1 ?", "@annually", "0 0 0 1 1 ?",
            "@monthly", "0 0 0 1 * ?", "@weekly", "0 0 0 ? * SUN", "@daily", "0 0 0 * * ?", "@midnight", "0 0 0 * * ?",
            "@hourly", "0 0 * * * ?");
    private static final Pattern EVERY = Pattern.compile("every\\s+(?:(\\d+)\\s+)?(second|minute|hour|day)s?",
            Pattern.CASE_INSENSITIVE);

    public CronSchedule {
        requireNonNull(expression, "expression is null");
        requireNonNull(quartzCron, "quartzCron is null");
        requireNonNull(zone, "zone is null");
    }

    /**
     * @throws IllegalArgumentException with a message for a person: what was wrong and what to write
     */
    public static CronSchedule parse(String expression, TimeZone zone) {
        String trimmed = expression.trim();
        String quartz = MACROS.get(trimmed.toLowerCase(Locale.ROOT));
        if (quartz == null) {
            Matcher every = EVERY.matcher(trimmed);
            quartz = every.matches() ? every(every.group(1), every.group(2).toLowerCase(Locale.ROOT), trimmed) : trimmed;
        }
        String[] fields = quartz.split("\\s+");
        if (fields.length == 5) {
            throw new IllegalArgumentException("\"" + trimmed + "\" has 5 fields, like a Unix crontab; Quartz cron"
                    + " starts with seconds and needs ? for day-of-month or day-of-week: write \"0 " + trimmed
                    + "\" with one of the day fields as ?, or a shorthand such as @hourly or every 30 minutes");
        }
        try {
            CronExpression cron = new CronExpression(quartz);
            cron.setTimeZone(zone);
        } catch (ParseException e) {
            throw new IllegalArgumentException("\"" + trimmed + "\" is not a Quartz cron expression (" + e.getMessage()
                    + "); write six fields starting with seconds such as \"0 0/30 * * * ?\", or a shorthand: "
                    + String.join(", ", List.of("@hourly", "@daily", "@weekly", "every 30 minutes", "every 10 seconds")));
        }
        return new CronSchedule(trimmed, quartz, zone);
    }

    private static String every(String count, String unit, String written) {
        int amount = count == null ? 1 : Integer.parseInt(count);
        int whole = unit.equals("hour") ? 24 : unit.equals("day") ? 1 : 60;
        if (amount < 1 || whole % amount != 0) {
            throw new IllegalArgumentException("\"" + written + "\": " + amount + " " + unit + "s do not divide a "
                    + (unit.equals("hour") ? "day" : unit.equals("minute") ? "hour" : "minute")
                    + " evenly, so the schedule would drift; use a divisor of " + whole
                    + " or a Quartz cron expression");
        }
        return switch (unit) {
            case "second" -> "0/" + amount + " * * * * ?";
            case "minute" -> "0 0/" + amount + " * * * ?";
            case "hour" -> "0 0 0/" + amount + " * * ?";
            default -> MACROS.get("@daily");
        };
    }

    /** A fresh Quartz expression (Quartz's is not thread-safe). */
    CronExpression quartz() {
        try {
            CronExpression cron = new CronExpression(quartzCron);
            cron.setTimeZone(zone);
            return cron;
        } catch (ParseException e) {
            throw new IllegalStateException("validated in parse", e);
        }
    }

    /** The first fire strictly after {@code instant}, or {@code null} when there is none. */
    public Instant next(Instant instant) {
        Date next = quartz().getNextValidTimeAfter(Date.from(instant));
        return next == null ? null : next.toInstant();
    }

    /**
     * The last fire at or before {@code now} and strictly after {@code after}, or {@code null} when no
     * fire falls in between. Walks forward from {@code after}, at most {@code 100_000} fires, then
     * answers the last one reached (a server down for months on a per-second schedule).
     */
    public Instant lastFireBetween(Instant after, Instant now) {
        CronExpression cron = quartz();
        Date cursor = cron.getNextValidTimeAfter(Date.from(after));
        Date last = null;
        for (int step = 0; cursor != null && !cursor.toInstant().isAfter(now) && step < 100_000; step++) {
            last = cursor;
            cursor = cron.getNextValidTimeAfter(cursor);
        }
        return last == null ? null : last.toInstant();
    }
}
