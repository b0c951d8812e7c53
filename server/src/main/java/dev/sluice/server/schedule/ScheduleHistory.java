package dev.sluice.server.schedule;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code sluice.schedule_history} table: one row per finished execution of a schedule, written
 * when it ends. A job the server was killed in the middle of has no row, so start-up sees its fire as
 * missed and runs it again.
 *
 * <p>Thread-safe: every call opens its own session.
 */
public final class ScheduleHistory {
    public static final RelationName TABLE = new RelationName("sluice", "schedule_history");

    /** Why an execution happened. */
    public enum Reason { CRON, MISSED, MANUAL }

    /** One row. Immutable. {@code runId} is the engine's run id for model runs. */
    public record Entry(String schedule, String kind, Reason reason, Instant scheduledAt, Instant startedAt,
            Instant endedAt, JobOutcome.Status status, String runId, String message) {}

    private final Warehouse warehouse;

    public ScheduleHistory(Warehouse warehouse) {
        this.warehouse = warehouse;
        try (WarehouseSession session = warehouse.openSession()) {
            session.createSchema(TABLE.schema());
            session.execute("create table if not exists sluice.schedule_history (schedule varchar not null,"
                    + " kind varchar not null, reason varchar not null, scheduled_at timestamp, started_at timestamp,"
                    + " ended_at timestamp, status varchar not null, run_id varchar, message varchar)");
        }
    }

    public void record(Entry entry) {
        List<Object> row = Arrays.asList(entry.schedule(), entry.kind(), lower(entry.reason()), utc(entry.scheduledAt()),
                utc(entry.startedAt()), utc(entry.endedAt()), lower(entry.status()), entry.runId(), entry.message());
        try (WarehouseSession session = warehouse.openSession()) {
            session.append(TABLE, List.<List<?>>of(row).iterator());
        }
    }

    /** The fire time of the schedule's latest recorded execution, or {@code null} when it never ran. */
    public Instant lastScheduledAt(String schedule) {
        try (WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query("select max(scheduled_at) from sluice.schedule_history"
                        + " where schedule = ?", List.of(schedule))) {
            return cursor.next() ? instant(cursor.get(0)) : null;
        }
    }

    /** The latest executions, newest first; only {@code schedule}'s when it is not {@code null}. */
    public List<Entry> recent(String schedule, int limit) {
        String sql = "select schedule, kind, reason, scheduled_at, started_at, ended_at, status, run_id, message"
                + " from sluice.schedule_history" + (schedule == null ? "" : " where schedule = ?")
                + " order by started_at desc limit " + limit;
        List<Entry> entries = new ArrayList<>();
        try (WarehouseSession session = warehouse.openSession();
                WarehouseCursor cursor = session.query(sql, schedule == null ? List.of() : List.of(schedule))) {
            while (cursor.next()) {
                entries.add(new Entry((String) cursor.get(0), (String) cursor.get(1),
                        Reason.valueOf(((String) cursor.get(2)).toUpperCase(Locale.ROOT)), instant(cursor.get(3)),
                        instant(cursor.get(4)), instant(cursor.get(5)),
                        JobOutcome.Status.valueOf(((String) cursor.get(6)).toUpperCase(Locale.ROOT)),
                        (String) cursor.get(7), (String) cursor.get(8)));
            }
        }
        return entries;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        Instant instant = WarehouseCursor.instant(value);
        if (instant != null) {
            return instant;
        }
        throw new IllegalStateException("unexpected timestamp value " + value.getClass().getName());
    }
}
