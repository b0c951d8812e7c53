package dev.sluice.duckdb;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB connection. Outside {@link #begin()}..{@link #commit()} every statement commits on its own.
 *
 * <p>Not thread-safe: one thread at a time, as the SPI says. Only one cursor may be open at a time,
 * because DuckDB streams one result per connection.
 */
final class DuckDbSession implements WarehouseSession {
    private final DuckDBConnection connection;
    private final String defaultSchema;
    /** Schemas this session saw exist outside a transaction; forgotten on any DROP it runs. */
    private final Set<String> knownSchemas = new HashSet<>();
    /**
     * The appender of the table last appended to, reused while no statement ran since: extraction appends
     * page after page to one table, and describing it before each page cost as much as appending the page.
     * Forgotten by every statement, query and rollback, any of which may change the table's columns.
     */
    private DuckDbTableAppender lastAppender;

    private DuckDbSession(DuckDBConnection connection, String defaultSchema) {
        this.connection = requireNonNull(connection, "connection is null");
        this.defaultSchema = requireNonNull(defaultSchema, "defaultSchema is null");
    }

    /** Wraps a fresh connection and points its unqualified names at {@code defaultSchema}; closes it on failure. */
    static DuckDbSession open(DuckDBConnection connection, String catalog, String defaultSchema) {
        DuckDbSession session = new DuckDbSession(connection, defaultSchema);
        try {
            if (catalog != null) {
                // A duplicate starts in the in-memory catalog: point it at the attached file and schema.
                session.execute("USE " + DuckDbWarehouse.quoteIdentifier(catalog) + "."
                        + DuckDbWarehouse.quoteIdentifier(defaultSchema));
            } else if (!defaultSchema.equals(DuckDbSettings.DEFAULT_SCHEMA)) {
                // The search path is per connection: a duplicate starts at main.
                session.execute("SET schema = " + DuckDbWarehouse.quoteLiteral(defaultSchema));
            }
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public WarehouseDialect sqlDialect() {
        return DuckDbDialect.INSTANCE;
    }

    @Override
    public long execute(String sql) {
        lastAppender = null;
        if (!knownSchemas.isEmpty() && sql.stripLeading().regionMatches(true, 0, "drop", 0, 4)) {
            knownSchemas.clear();
        }
        try (Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                return -1;
            }
            return statement.getUpdateCount();
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("run the statement", sql, e);
        }
    }

    @Override
    public WarehouseCursor query(String sql, List<?> parameters) {
        lastAppender = null;
        return DuckDbCursor.open(connection, sql, parameters);
    }

    /**
     * Finds the relation as DuckDB would: names match case-insensitively. The result carries the
     * names as DuckDB stores them, and DuckDB's own type strings.
     */
    @Override
    public Optional<WarehouseRelation> describe(RelationName relation) {
        return Optional.ofNullable(DuckDbCatalog.describe(connection, List.of(relation)).get(relation));
    }

    /** Two queries however many relations are asked for; see {@link DuckDbCatalog}. */
    @Override
    public Map<RelationName, WarehouseRelation> describeAll(Collection<RelationName> relations) {
        return DuckDbCatalog.describe(connection, relations);
    }

    @Override
    public void createSchema(String schema) {
        // A read first: CREATE SCHEMA IF NOT EXISTS is a write transaction (and a WAL commit) even when
        // the schema exists, and the engine asks before every model it builds.
        // The engine asks before every model: a run of many models in one schema checks it once.
        if (knownSchemas.contains(schema)) {
            return;
        }
        if (!DuckDbCatalog.schemaExists(connection, schema)) {
            try {
                execute("CREATE SCHEMA IF NOT EXISTS " + DuckDbWarehouse.quoteIdentifier(schema));
            } catch (WarehouseException e) {
                // Another session of the database created it at the same moment (the run history's writer and a
                // model's bookkeeping both make sure of "sluice"): DuckDB refuses the second create as a catalog
                // write-write conflict, and the schema is there. Outside a transaction nothing else was undone.
                if (!autoCommit() || !DuckDbCatalog.schemaExists(connection, schema)) {
                    throw e;
                }
            }
        }
        if (autoCommit()) {
            knownSchemas.add(schema);
        }
    }

    /**
     * Appends through DuckDB's Appender, converting each value to its column's type first. Rows are
     * flushed in batches; rows before a bad one are kept unless inside a rolled-back transaction.
     */
    @Override
    public long append(RelationName table, Iterator<? extends List<?>> rows) {
        if (lastAppender == null || !lastAppender.table().equals(table)) {
            WarehouseRelation relation = describe(table).orElseThrow(() ->
                    new WarehouseException("cannot append to " + table + ": no such table"));
            lastAppender = new DuckDbTableAppender(connection, table, relation);
        }
        return lastAppender.append(rows);
    }

    private boolean autoCommit() {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("read the session's transaction state", null, e);
        }
    }

    /** @throws WarehouseException when a transaction is already open on this session */
    @Override
    public void begin() {
        try {
            if (!connection.getAutoCommit()) {
                throw new WarehouseException("a transaction is already open on this session; commit or roll it back first");
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("begin a transaction", null, e);
        }
        // The driver begins lazily, at the next statement; an Appender is no statement and would
        // run outside the transaction. A statement now makes the transaction real.
        execute("SELECT 1");
    }

    /** @throws WarehouseException when no transaction is open, or the commit fails (DuckDB then rolls back) */
    @Override
    public void commit() {
        try {
            if (connection.getAutoCommit()) {
                throw new WarehouseException("no transaction is open on this session; call begin() first");
            }
            try {
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("commit the transaction", null, e);
        }
    }

    @Override
    public void rollback() {
        lastAppender = null;
        try {
            if (connection.getAutoCommit()) {
                return;
            }
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("roll back the transaction", null, e);
        }
    }

    /** Unqualified names come back in {@link DuckDbWarehouse#defaultSchema()}. */
    @Override
    public Set<RelationName> referencedRelations(String sql) {
        return DuckDbReferencedRelations.of(connection, sql, defaultSchema);
    }

    /** Closes the connection; an open transaction is rolled back by DuckDB. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("close the session", null, e);
        }
    }
}
