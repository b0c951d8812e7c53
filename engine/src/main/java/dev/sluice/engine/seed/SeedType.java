package dev.sluice.engine.seed;

import dev.sluice.spi.dialect.LogicalType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The column types a seed can have, each with how it reads a CSV cell. Inference tries them in
 * order and takes the first that reads every non-empty cell of a column.
 */
enum SeedType {
    BOOLEAN(LogicalType.BOOLEAN),
    BIGINT(LogicalType.BIGINT),
    DOUBLE(LogicalType.DOUBLE),
    DATE(LogicalType.DATE),
    TIMESTAMP(LogicalType.TIMESTAMP),
    VARCHAR(LogicalType.VARCHAR),
    DECIMAL(LogicalType.DECIMAL);

    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .parseDefaulting(ChronoField.NANO_OF_SECOND, 0).toFormatter(Locale.ROOT);

    private final LogicalType logicalType;

    SeedType(LogicalType logicalType) {
        this.logicalType = logicalType;
    }

    /** The column type an inferred seed column gets, spelled by each warehouse's dialect. */
    LogicalType logicalType() {
        return logicalType;
    }

    /** @throws IllegalArgumentException when the cell is not of this type */
    Object read(String cell) {
        return switch (this) {
            case BOOLEAN -> switch (cell.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not true or false");
            };
            case BIGINT -> Long.parseLong(cell);
            case DOUBLE -> {
                double value = Double.parseDouble(cell);
                if (Double.isNaN(value) || Double.isInfinite(value) || !cell.matches("[-+]?[0-9.eE+-]+")) {
                    throw new IllegalArgumentException("not a number");
                }
                yield value;
            }
            case DECIMAL -> new BigDecimal(cell);
            case DATE -> LocalDate.parse(cell);
            case TIMESTAMP -> LocalDateTime.parse(cell, TIMESTAMP_FORMAT);
            case VARCHAR -> cell;
        };
    }

    /** The family of a declared SQL type, for example {@code INTEGER} reads as {@link #BIGINT}. */
    static SeedType ofDeclared(String declared) {
        String type = declared.toUpperCase(Locale.ROOT).trim();
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
            return DECIMAL;
        }
        if (type.matches("(BIG|SMALL|TINY|HUGE)?INT(EGER)?|INT[248]|LONG")) {
            return BIGINT;
        }
        if (type.matches("DOUBLE|FLOAT[48]?|REAL")) {
            return DOUBLE;
        }
        if (type.matches("BOOL(EAN)?")) {
            return BOOLEAN;
        }
        if (type.equals("DATE")) {
            return DATE;
        }
        if (type.startsWith("TIMESTAMP") || type.equals("DATETIME")) {
            return TIMESTAMP;
        }
        return VARCHAR;
    }
}
