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
 * <li>Incremental models merge with delete+insert semantics in one {@code MERGE} ({@link #mergeOnKey}): a
 *     MERGE that updated matched rows would fail or pick one row when a key appears twice in the new rows;
 *     deleting the key's rows and inserting every new row keeps them all, as on DuckDB. New columns are added
 *     before it (DDL commits an open transaction on Snowflake).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
final class SnowflakeDialect implements WarehouseDialect {
    /** Suffix of the relation an incremental model stages its new rows in (the engine's). */
    private static final String STAGED_SUFFIX = "__sluice_incr";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");
    private static final Set<String> RESERVED;
    /** The merge source's column that tells a key to delete from a row to insert. */
    private static final String MERGE_DELETES = "sluice_deletes";

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

    /**
     * One {@code MERGE} with delete+insert semantics, so the merge is atomic without a transaction and costs one
     * statement: the source is each distinct staged key (it deletes the target's rows with that key) and every
     * staged row (never matched, inserted) but those whose delete flag is true. A key staged twice is inserted
     * twice, as delete+insert does: a MERGE that updated matches would fail or pick one row on Snowflake. Keys
     * match null-safely. Without a key, an insert.
     */
    @Override
    public List<String> mergeOnKey(RelationName target, RelationName staged, List<String> uniqueKey,
            List<String> columns, String deleteFlag) {
        if (uniqueKey.isEmpty()) {
            if (deleteFlag != null) {
                throw new IllegalArgumentException("a delete flag needs a unique key");
            }
            return List.of(insertColumns(target, staged, columns));
        }
        Set<String> keys = new HashSet<>();
        uniqueKey.forEach(key -> keys.add(key.toLowerCase(Locale.ROOT)));
        StringBuilder deletes = new StringBuilder("select distinct ");
        StringBuilder inserts = new StringBuilder("select ");
        for (int index = 0; index < columns.size(); index++) {
            String column = identifier(columns.get(index));
            String separator = index == 0 ? "" : ", ";
            deletes.append(separator).append(keys.contains(columns.get(index).toLowerCase(Locale.ROOT)) ? column
                    : "null as " + column);
            inserts.append(separator).append(column);
        }
        String stagedName = relation(staged);
        String matches = uniqueKey.stream().map(key -> "merged." + identifier(key) + " is not distinct from changes."
                + identifier(key)).collect(java.util.stream.Collectors.joining(" and "));
        String columnList = columns.stream().map(this::identifier).collect(java.util.stream.Collectors.joining(", "));
        String values = columns.stream().map(column -> "changes." + identifier(column))
                .collect(java.util.stream.Collectors.joining(", "));
        String kept = deleteFlag == null ? "" : " where " + notDeleted(deleteFlag);
        return List.of("merge into " + relation(target) + " as merged\nusing (" + deletes + ", true as "
                + MERGE_DELETES + " from " + stagedName + "\nunion all " + inserts + ", false from " + stagedName + kept
                + ") as changes\non " + matches + " and changes." + MERGE_DELETES + "\nwhen matched then delete"
                + "\nwhen not matched and not changes." + MERGE_DELETES + " then insert (" + columnList + ") values ("
                + values + ")");
    }

    @Override
    public String renameTable(RelationName from, RelationName to) {
        if (!from.schema().equals(to.schema())) {
            throw new IllegalArgumentException("a table is renamed within its schema: " + from + " to " + to);
        }
        return "alter table " + relation(from) + " rename to " + relation(to);
    }
}
