package dev.sluice.duckdb;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB database, in a file or in memory. Every session is a {@linkplain DuckDBConnection#duplicate()
 * duplicate} of one root connection, so sessions share the database, an in-memory one included.
 *
 * <p>Thread-safe: {@link #openSession()} and {@link #close()} take the root lock. A DuckDB file
 * has one owning process; a second process fails to open it (see {@link DuckDbWarehouseFactory}).
 */
public final class DuckDbWarehouse implements Warehouse {
    private static final Set<WarehouseCapability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            WarehouseCapability.TRANSACTIONAL_DDL,
            WarehouseCapability.MERGE,
            WarehouseCapability.BULK_APPEND,
            WarehouseCapability.NATIVE_PARSE_RELATIONS,
            WarehouseCapability.ATOMIC_REPLACE,
            WarehouseCapability.CONCURRENT_SESSIONS));

    /** Connects a warehouse opened on demand: its root connection, configured. */
    interface Connector {
        DuckDBConnection connect();
    }

    private final Object rootLock = new Object();
    private final Path file;
    private final String defaultSchema;
    private final String location;
    /** Guarded by {@link #rootLock}; {@code null} before an on-demand warehouse connects and once closed. */
    private DuckDBConnection root;
    /** Guarded by {@link #rootLock}; {@code null} once connected (or for a warehouse opened connected). */
    private Connector connector;
    /** Guarded by {@link #rootLock}. */
    private boolean closed;

    /** @param file the attached database file, {@code null} for an in-memory database */
    DuckDbWarehouse(DuckDBConnection root, Path file, String defaultSchema, String location) {
        this.root = requireNonNull(root, "root is null");
        this.file = file;
        this.defaultSchema = requireNonNull(defaultSchema, "defaultSchema is null");
        this.location = requireNonNull(location, "location is null");
    }

    /** A warehouse that connects, through {@code connector}, when its first session opens. */
    DuckDbWarehouse(Connector connector, Path file, String defaultSchema, String location) {
        this.connector = requireNonNull(connector, "connector is null");
        this.file = file;
        this.defaultSchema = requireNonNull(defaultSchema, "defaultSchema is null");
        this.location = requireNonNull(location, "location is null");
    }

    @Override
    public String dialect() {
        return "duckdb";
    }

    @Override
    public WarehouseDialect sqlDialect() {
        return DuckDbDialect.INSTANCE;
    }

    @Override
    public Set<WarehouseCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String defaultSchema() {
        return defaultSchema;
    }

    /**
     * A new connection whose unqualified names resolve to {@link #defaultSchema()}; a warehouse opened on demand
     * connects first. Takes the root lock.
     *
     * @throws WarehouseException when the warehouse is closed, or cannot connect
     */
    @Override
    public WarehouseSession openSession() {
        DuckDBConnection connection;
        synchronized (rootLock) {
            if (closed) {
                throw new WarehouseException("the DuckDB warehouse " + location + " is closed");
            }
            if (root == null) {
                root = connector.connect();
                connector = null;
            }
            try {
                connection = root.duplicate();
            } catch (SQLException e) {
                throw DuckDbErrors.wrap("open a session on " + location, null, e);
            }
        }
        return DuckDbSession.open(connection, file == null ? null : DuckDbWarehouseFactory.CATALOG, defaultSchema);
    }

    @Override
    public String quote(String identifier) {
        return quoteIdentifier(identifier);
    }

    /** Single quotes around the text, embedded single quotes doubled: a SQL string literal. */
    static String quoteLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Double quotes around the identifier, embedded double quotes doubled. */
    static String quoteIdentifier(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * Closes the root connection (if it connected); calling it again does nothing. Sessions still open keep the
     * database alive until they close. Takes the root lock.
     */
    @Override
    public void close() {
        synchronized (rootLock) {
            if (closed) {
                return;
            }
            closed = true;
            connector = null;
            if (root == null) {
                return; // opened on demand, never connected
            }
            try {
                root.close();
                if (file != null) {
                    DuckDbAttachedFiles.release(file);
                }
            } catch (SQLException e) {
                throw DuckDbErrors.wrap("close " + location, null, e);
            } finally {
                root = null;
            }
        }
    }

    @Override
    public String toString() {
        return "DuckDbWarehouse[" + location + "]";
    }
}
