package dev.sluice.duckdb;

import dev.sluice.spi.WarehouseColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of a table being appended to: converts a Java value into the exact Java type DuckDB's
 * Appender takes for the column's DuckDB type. The Appender itself converts nothing (a Long for an
 * INTEGER column fails), so conversions that cannot lose data happen here; anything else is refused.
 *
 * <p>Immutable and thread-safe.
 */
final class DuckDbAppendColumn {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    private enum Kind { BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, FLOAT, DOUBLE, DECIMAL, TEXT, UUID,
        DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, BLOB, LIST, MAP, UNSUPPORTED }

    private final WarehouseColumn column;
    private final Kind kind;
    private final int precision;
    private final int scale;

    DuckDbAppendColumn(WarehouseColumn column) {
        this.column = column;
        String type = column.type().toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(type);
        boolean isDecimal = decimal.matches();
        this.kind = isDecimal ? Kind.DECIMAL : kindOf(type);
        this.precision = isDecimal ? Integer.parseInt(decimal.group(1)) : 0;
        this.scale = isDecimal ? Integer.parseInt(decimal.group(2)) : 0;
    }

    private static Kind kindOf(String type) {
        if (type.endsWith("]")) {
            return Kind.LIST;
        }
        if (type.startsWith("MAP(")) {
            return Kind.MAP;
        }
        if (type.startsWith("ENUM(")) {
            return Kind.TEXT;
        }
        return switch (type) {
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "TINYINT" -> Kind.TINYINT;
            case "SMALLINT" -> Kind.SMALLINT;
            case "INTEGER" -> Kind.INTEGER;
            case "BIGINT" -> Kind.BIGINT;
            case "HUGEINT" -> Kind.HUGEINT;
            case "FLOAT" -> Kind.FLOAT;
            case "DOUBLE" -> Kind.DOUBLE;
            case "VARCHAR", "JSON" -> Kind.TEXT;
            case "UUID" -> Kind.UUID;
            case "DATE" -> Kind.DATE;
            case "TIME" -> Kind.TIME;
            case "TIMESTAMP" -> Kind.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> Kind.TIMESTAMP_TZ;
            case "BLOB" -> Kind.BLOB;
            default -> Kind.UNSUPPORTED;
        };
    }

    String name() {
        return column.name();
    }

    String type() {
        return column.type();
    }

    /**
     * The value as the Appender takes it for this column, or {@code null}.
     *
     * @throws IllegalArgumentException saying why the value does not fit
     */
    Object convert(Object value) {
        if (value == null) {
            if (!column.nullable()) {
                throw new IllegalArgumentException("NULL in a NOT NULL column");
            }
            return null;
        }
        // The common cases first, without the BigInteger detour the general conversion takes.
        if (kind == Kind.BIGINT && (value instanceof Long || value instanceof Integer)) {
            return ((Number) value).longValue();
        }
        if (kind == Kind.TEXT && value instanceof String
                || kind == Kind.TIMESTAMP && value instanceof LocalDateTime
                || kind == Kind.BOOLEAN && value instanceof Boolean
                || kind == Kind.DOUBLE && value instanceof Double
                || kind == Kind.INTEGER && value instanceof Integer) {
            return value;
        }
        BigInteger whole = whole(value);
        try {
            Object converted = switch (kind) {
                case BOOLEAN -> value instanceof Boolean ? value : null;
                case TINYINT -> whole == null ? null : whole.byteValueExact();
                case SMALLINT -> whole == null ? null : whole.shortValueExact();
                case INTEGER -> whole == null ? null : whole.intValueExact();
                case BIGINT -> whole == null ? null : whole.longValueExact();
                case HUGEINT -> whole == null ? null : hugeint(whole);
                case FLOAT -> value instanceof Float || value instanceof Double ? ((Number) value).floatValue() : null;
                case DOUBLE -> value instanceof Number number ? number.doubleValue() : null;
                case DECIMAL -> decimal(value, whole);
                case TEXT -> value instanceof String ? value : null;
                case UUID -> value instanceof UUID ? value : value instanceof String text ? java.util.UUID.fromString(text) : null;
                case DATE -> value instanceof LocalDate ? value : null;
                case TIME -> value instanceof LocalTime ? value : null;
                case TIMESTAMP -> value instanceof LocalDateTime ? value : null;
                case TIMESTAMP_TZ -> pointInTime(value);
                case BLOB -> value instanceof byte[] ? value : null;
                case LIST -> value instanceof Collection ? value : null;
                case MAP -> value instanceof Map ? value : null;
                case UNSUPPORTED -> throw new IllegalArgumentException("appending to a " + column.type()
                        + " column is not supported; load it with INSERT ... SELECT instead");
            };
            if (converted == null) {
                throw new IllegalArgumentException("a " + describe(value) + " does not fit a " + column.type() + " column");
            }
            return converted;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(describe(value) + " is out of range for " + column.type());
        }
    }

    /** Whole numbers only, or {@code null}: a fraction in an integer column would be lost. */
    private static BigInteger whole(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        return value instanceof BigInteger number ? number : null;
    }

    private static BigInteger hugeint(BigInteger number) {
        if (number.bitLength() > 127) {
            throw new ArithmeticException("beyond 128 bits");
        }
        return number;
    }

    /** Rounds half away from zero to the column's scale, as DuckDB's own cast does for INSERT. */
    private BigDecimal decimal(Object value, BigInteger whole) {
        BigDecimal number;
        if (value instanceof BigDecimal exact) {
            number = exact;
        } else if (value instanceof Double || value instanceof Float) {
            number = new BigDecimal(value.toString()); // the decimal the user sees, not the binary expansion
        } else if (whole != null) {
            number = new BigDecimal(whole);
        } else {
            return null;
        }
        BigDecimal scaled = number.setScale(scale, RoundingMode.HALF_UP);
        if (scaled.precision() > precision) {
            throw new ArithmeticException("beyond the precision");
        }
        return scaled;
    }

    private static OffsetDateTime pointInTime(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        return value instanceof ZonedDateTime time ? time.toOffsetDateTime() : null;
    }

    private static String describe(Object value) {
        String text = value instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(value);
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return value.getClass().getSimpleName() + " '" + text + "'";
    }
}
