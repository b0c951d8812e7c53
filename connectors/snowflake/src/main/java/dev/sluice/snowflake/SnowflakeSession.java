package dev.sluice.snowflake;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Snowflake session (one JDBC connection, one worker). Statements run one after another;
 * {@link #begin()}..{@link #commit()} send {@code begin} and {@code commit}. Snowflake commits an open
 * transaction before any DDL, so DDL is never part of one (no {@code TRANSACTIONAL_DDL}).
 *
 * <p>Not thread-safe, as the SPI says.
 */
final class SnowflakeSession implements WarehouseSession {
    private static final java.util.regex.Pattern CHANGES_ROWS =
            java.util.regex.Pattern.compile("(?is)\\s*(insert|update|delete|merge|copy)\\b");
    /** Only dropping a schema (or its database) can make a schema this session made sure of go. */
    private static final java.util.regex.Pattern DROPS_SCHEMA =
            java.util.regex.Pattern.compile("(?is)\\s*drop\\s+(schema|database)\\b");
    private final SnowflakeConnection connection;
    private final String project;
    private final SnowflakeDialect dialect;
    /** Compressed bytes per file of a bulk load. */
    private final long loadFileBytes;
    /** Schemas this session made sure of; forgotten when it drops a schema or database. */
    private final Set<String> knownSchemas = new HashSet<>();

    SnowflakeSession(SnowflakeConnection connection, String project, SnowflakeDialect dialect, long loadFileBytes) {
        this.connection = connection;
        this.project = project;
        this.dialect = dialect;
        this.loadFileBytes = loadFileBytes;
    }

    @Override
    public dev.sluice.spi.dialect.WarehouseDialect sqlDialect() {
        return dialect;
    }

    /** {@code QUERY_TAG} for what follows: JSON naming the project, the model and the run. */
    @Override
    public void tag(String projectName, String model, String runId) {
        connection.queryTag(queryTag(projectName == null ? project : projectName, model, runId));
    }

    static String queryTag(String project, String model, String runId) {
        StringBuilder tag = new StringBuilder("{\"tool\":\"sluice\"");
        if (project != null) {
            tag.append(",\"project\":").append(json(project));
        }
        if (model != null) {
            tag.append(",\"model\":").append(json(model));
        }
        if (runId != null) {
            tag.append(",\"run_id\":").append(json(runId));
        }
        return tag.append('}').toString();
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public long execute(String sql) {
        if (DROPS_SCHEMA.matcher(sql).lookingAt()) {
            knownSchemas.clear();
        }
        boolean changesRows = CHANGES_ROWS.matcher(sql).lookingAt();
        return connection.run(sql, "run the statement", statement -> {
            if (statement.execute(sql)) {
                statement.getResultSet().close();
                return -1L;
            }
            // DDL answers a status, not the rows it wrote: "does not say". That includes
            // `create or replace table ... as select`: the driver files it as DDL (update count 0), and the
            // rows are not worth a second round trip (the run reports the model's rows as unknown).
            return changesRows ? statement.getLargeUpdateCount() : -1L;
        });
    }

    @Override
    public WarehouseCursor query(String sql, List<?> parameters) {
        return connection.withConnection(sql, "run the query", (jdbc, tag) -> {
            Statement statement;
            ResultSet rows;
            if (parameters.isEmpty()) {
                statement = jdbc.createStatement();
                SnowflakeConnection.tag(statement, tag);
                rows = statement.executeQuery(sql);
            } else {
                PreparedStatement prepared = jdbc.prepareStatement(sql);
                SnowflakeConnection.tag(prepared, tag);
                for (int i = 0; i < parameters.size(); i++) {
                    prepared.setObject(i + 1, SnowflakeValues.bindable(parameters.get(i)));
                }
                statement = prepared;
                rows = prepared.executeQuery();
            }
            return new SnowflakeCursor(statement, rows);
        });
    }

    @Override
    public Optional<WarehouseRelation> describe(RelationName relation) {
        return Optional.ofNullable(describeAll(List.of(relation)).get(relation));
    }

    /** One {@code INFORMATION_SCHEMA} query per schema among {@code relations}. */
    @Override
    public Map<RelationName, WarehouseRelation> describeAll(Collection<RelationName> relations) {
        Map<RelationName, WarehouseRelation> found = new LinkedHashMap<>();
        SnowflakeCatalog.bySchema(relations).forEach((schema, names) -> {
            Map<String, RelationName> byStoredName = new LinkedHashMap<>();
            names.forEach(name -> byStoredName.put(SnowflakeIdentifiers.toSnowflake(name.name()), name));
            Map<String, SnowflakeCatalog.Builder> builders = new LinkedHashMap<>();
            try (WarehouseCursor rows = query(SnowflakeCatalog.query(schema, byStoredName.keySet()))) {
                while (rows.next()) {
                    String table = (String) rows.get(0);
                    RelationName asked = byStoredName.get(table);
                    if (asked != null) {
                        builders.computeIfAbsent(table, key -> new SnowflakeCatalog.Builder(asked)).add(
                                (String) rows.get(1), (String) rows.get(2), (String) rows.get(3), rows.get(4),
                                rows.get(5), (String) rows.get(6), rows.get(7));
                    }
                }
            }
            byStoredName.forEach((stored, asked) -> {
                if (builders.containsKey(stored)) {
                    found.put(asked, builders.get(stored).build());
                }
            });
        });
        Map<RelationName, WarehouseRelation> ordered = new LinkedHashMap<>();
        for (RelationName relation : relations) {
            if (found.containsKey(relation)) {
                ordered.put(relation, found.get(relation));
            }
        }
        return ordered;
    }

    @Override
    public void createSchema(String schema) {
        if (knownSchemas.contains(schema)) {
            return;
        }
        execute("create schema if not exists " + SnowflakeIdentifiers.quote(schema));
        if (!connection.inTransaction()) {
            knownSchemas.add(schema);
        }
    }

    /**
     * Appends by {@code PUT} and {@code COPY INTO} ({@link SnowflakeAppender}): one PUT per file of about
     * {@code load_file_mb} compressed megabytes, one COPY; plus one {@code INFORMATION_SCHEMA} query for the
     * table's columns. Nothing is sent for no rows.
     */
    @Override
    public long append(RelationName table, java.util.Iterator<? extends List<?>> rows) {
        if (!rows.hasNext()) {
            return 0;
        }
        try (SnowflakeAppender appender = appender(table)) {
            appender.add(rows);
            return appender.finish();
        }
    }

    /** Writes gzipped CSV files as rows come, PUT as each fills, and loads them with one COPY when finished. */
    @Override
    public SnowflakeAppender appender(RelationName table) {
        WarehouseRelation relation = describe(table).orElseThrow(() ->
                new WarehouseException("cannot append to " + table + ": no such table"));
        return new SnowflakeAppender(this, table, relation.columns(), loadFileBytes);
    }

    /** @throws WarehouseException when a transaction is already open on this session */
    @Override
    public void begin() {
        if (connection.inTransaction()) {
            throw new WarehouseException("a transaction is already open on this session; commit or roll it back first");
        }
        execute("begin");
        connection.transaction(true);
    }

    @Override
    public void commit() {
        if (!connection.inTransaction()) {
            throw new WarehouseException("no transaction is open on this session; call begin() first");
        }
        try {
            execute("commit");
        } finally {
            connection.transaction(false);
        }
    }

    @Override
    public void rollback() {
        if (!connection.inTransaction()) {
            return;
        }
        try {
            execute("rollback");
        } finally {
            connection.transaction(false);
        }
    }

    /** Closes the connection; Snowflake rolls back a transaction left open. */
    @Override
    public void close() {
        connection.close();
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
