package dev.sluice.snowflake;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.dialect.SqlKeywords;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Snowflake's SQL. Bare names fold to upper case, so Sluice's lower-case names are written bare and
 * find Snowflake's normal objects; a reserved word is quoted in upper case (the same object); a name
 * that needs quotes to keep its spelling is refused ({@link SnowflakeIdentifiers}). JSON is
 * {@code VARIANT}, timestamps {@code TIMESTAMP_NTZ} (UTC, as every session's {@code TIMEZONE} is UTC).
 *
 * <ul>
 * <li>Tables: {@code create or replace table ... as}, atomic on Snowflake (the old table stays when the
 *     query fails), with {@code copy grants} when the target sets {@code copy_grants: true}.</li>
 * <li>Scratch relations (an incremental model's staged rows, a data test's failures, a sync's diff) are
 *     {@code transient}: no Fail-safe storage is paid for rows kept minutes.</li>
 * <li>Renames name the schema of the new name: Snowflake resolves an unqualified one in the session's
 *     current schema, which would move the table.</li>
 * <li>Incremental models use delete+insert on the key (the SPI's default), not {@code MERGE}: Snowflake's
 *     MERGE fails or picks one row when a key appears twice in the new rows, delete+insert keeps them all
 *     as on DuckDB. Snowflake commits an open transaction before DDL, so new columns are added before the
 *     transaction that deletes and inserts.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class SnowflakeDialect implements WarehouseDialect {
    /** Suffix of the relation an incremental model stages its new rows in (the engine's). */
    private static final String STAGED_SUFFIX = "__sluice_incr";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");
    private static final Set<String> RESERVED;

    static {
        Set<String> reserved = new HashSet<>(SqlKeywords.RESERVED);
        reserved.addAll(Set.of("account", "alter", "connect", "connection", "current", "database", "delete", "drop",
                "exists", "following", "gscluster", "ilike", "increment", "insert", "issue", "localtime",
                "localtimestamp", "minus", "of", "organization", "regexp", "revoke", "rlike", "sample", "schema", "set",
                "start", "tablesample", "trigger", "try_cast", "update", "view", "whenever"));
        RESERVED = Set.copyOf(reserved);
    }

    private final boolean copyGrants;

    SnowflakeDialect(boolean copyGrants) {
        this.copyGrants = copyGrants;
    }

    @Override
    public String name() {
        return "snowflake";
    }

    @Override
    public String typeName(LogicalType type) {
        return switch (type) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DOUBLE -> "FLOAT"; // Snowflake's FLOAT is a 64-bit double
            case DECIMAL -> "NUMBER(18,3)"; // DuckDB's default DECIMAL, so results agree (Snowflake's is (38,0))
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP_NTZ";
            case TIMESTAMP_TZ -> "TIMESTAMP_TZ";
            case VARCHAR -> "VARCHAR";
            case JSON -> "VARIANT";
        };
    }

    @Override
    public Set<String> reservedWords() {
        return RESERVED;
    }

    /** Bare when Snowflake's folding keeps the name, upper-case quoted for a reserved word. */
    @Override
    public String identifier(String name) {
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            SnowflakeIdentifiers.quote(name);
            return '"' + name.toUpperCase(Locale.ROOT) + '"';
        }
        return SnowflakeIdentifiers.quote(name);
    }

    /** Backslashes are escapes in Snowflake strings: doubled, as well as quotes. */
    @Override
    public String textLiteral(String value) {
        return SnowflakeIdentifiers.literal(value);
    }

    @Override
    public String timestampLiteral(LocalDateTime value) {
        return "'" + TIMESTAMP.format(value) + "'::timestamp_ntz";
    }

    @Override
    public String createTableAs(RelationName table, String query) {
        return "create " + (table.name().endsWith(STAGED_SUFFIX) ? "transient " : "") + "table " + relation(table)
                + " as\n" + query;
    }

    /** A load's staging table is {@code transient}: no Fail-safe storage for rows kept minutes. */
    @Override
    public String createScratchTableIfNotExists(RelationName table, List<dev.sluice.spi.dialect.ColumnDefinition> columns) {
        return "create transient table if not exists " + relation(table) + " (" + columnList(columns) + ")";
    }

    @Override
    public String createOrReplaceTableAs(RelationName table, String query) {
        return "create or replace table " + relation(table) + (copyGrants ? " copy grants" : "") + " as\n" + query;
    }

    @Override
    public List<String> replaceScratchTable(RelationName table, String query) {
        return List.of("create or replace transient table " + relation(table) + " as\n" + query);
    }

    @Override
    public String createOrReplaceView(RelationName view, String query) {
        return "create or replace view " + relation(view) + (copyGrants ? " copy grants" : "") + " as\n" + query;
    }

    @Override
    public String renameTable(RelationName from, RelationName to) {
        if (!from.schema().equals(to.schema())) {
            throw new IllegalArgumentException("a table is renamed within its schema: " + from + " to " + to);
        }
        return "alter table " + relation(from) + " rename to " + relation(to);
    }
}
