package dev.sluice.snowflake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Java values as JDBC binds for Snowflake. Stateless. */
final class SnowflakeValues {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

    private SnowflakeValues() {}

    /** A value the driver binds as itself; dates and times as text, which Snowflake casts where compared. */
    static Object bindable(Object value) {
        if (value instanceof LocalDate || value instanceof LocalTime) {
            return value.toString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        if (value instanceof Instant instant) {
            return TIMESTAMP.format(LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
        }
        if (value instanceof OffsetDateTime timestamp) {
            return bindable(timestamp.toInstant());
        }
        return value;
    }
}
