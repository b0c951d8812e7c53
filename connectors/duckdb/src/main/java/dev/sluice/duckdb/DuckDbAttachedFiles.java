package dev.sluice.duckdb;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * The database files this JVM has attached, one DuckDB instance per file. A second warehouse on
 * the same file shares the instance (a file must never be attached by two instances of one
 * process: DuckDB's lock is per process and would not stop them).
 *
 * <p>Thread-safe: every method takes the class lock.
 */
final class DuckDbAttachedFiles {
    /** An attached file: the instance's own connection and how many warehouses use it. Guarded by the class lock. */
    private static final class Entry {
        final DuckDBConnection instance;
        int users;

        Entry(DuckDBConnection instance) {
            this.instance = instance;
        }
    }

    private static final Map<Path, Entry> ATTACHED = new HashMap<>();

    private DuckDbAttachedFiles() {}

    interface Opener {
        DuckDBConnection open() throws SQLException;
    }

    /** A new connection to the file's instance, opening and attaching it first when no warehouse uses it. */
    static synchronized DuckDBConnection acquire(Path file, Opener opener) throws SQLException {
        Path key = file.toAbsolutePath().normalize();
        Entry entry = ATTACHED.get(key);
        if (entry == null) {
            entry = new Entry(opener.open());
            ATTACHED.put(key, entry);
        }
        DuckDBConnection connection = entry.instance.duplicate();
        entry.users++;
        return connection;
    }

    /** Called once per {@link #acquire} when its warehouse closes; the last one closes the instance. */
    static synchronized void release(Path file) throws SQLException {
        Path key = file.toAbsolutePath().normalize();
        Entry entry = ATTACHED.get(key);
        if (entry != null && --entry.users == 0) {
            ATTACHED.remove(key);
            entry.instance.close();
        }
    }
}
