package dev.sluice.duckdb;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * Opens {@link DuckDbWarehouse}s for targets of type {@code duckdb}. Settings: {@code path} (a file,
 * relative to {@code projectDirectory}, or {@code :memory:}), optional {@code threads},
 * {@code memory_limit}, {@code preserve_insertion_order}, {@code disabled_compression_methods} and {@code schema}
 * (default {@code main}, created when missing).
 *
 * <p>Thread-safe and stateless.
 */
public final class DuckDbWarehouseFactory implements WarehouseFactory {
    public static final String TYPE = "duckdb";

    /**
     * The name a database file is attached under. DuckDB otherwise names the catalog after the file,
     * and a file {@code sluice.duckdb} holding a schema {@code sluice} makes {@code sluice.run_history}
     * ambiguous; an alias nobody uses as a schema keeps two-part names meaning schema.table.
     */
    static final String CATALOG = "sluice_warehouse";

    /** What DuckDB says when another process holds the file's lock. */
    private static final String LOCK_CONFLICT = "Could not set lock on file";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public java.util.Set<String> settingNames() {
        return DuckDbSettings.NAMES;
    }

    @Override
    public Warehouse open(Map<String, String> settings) {
        DuckDbSettings duckDb = DuckDbSettings.from(settings);
        DuckDBConnection root = connect(duckDb);
        DuckDbWarehouse warehouse = new DuckDbWarehouse(root, duckDb.file().orElse(null), duckDb.schema(),
                duckDb.location());
        try {
            configure(root, duckDb);
        } catch (RuntimeException e) {
            try {
                warehouse.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return warehouse;
    }

    /** Settings are checked now; DuckDB is loaded and the file attached (and locked) at the first session. */
    @Override
    public Warehouse openOnDemand(Map<String, String> settings) {
        DuckDbSettings duckDb = DuckDbSettings.from(settings);
        return new DuckDbWarehouse(() -> connectConfigured(duckDb), duckDb.file().orElse(null), duckDb.schema(),
                duckDb.location());
    }

    /**
     * For a file: its path, size, modification time and DuckDB's headers (whose checkpoint counter moves with
     * every checkpoint), and the size and time of its write-ahead log, which every commit writes. Empty for an
     * in-memory database.
     */
    @Override
    public Optional<String> catalogStamp(Map<String, String> settings) {
        return DuckDbSettings.from(settings).file().map(DuckDbFileStamp::of);
    }

    private static DuckDBConnection connectConfigured(DuckDbSettings settings) {
        DuckDBConnection root = connect(settings);
        try {
            configure(root, settings);
            return root;
        } catch (RuntimeException e) {
            try {
                root.close();
                settings.file().ifPresent(file -> {
                    try {
                        DuckDbAttachedFiles.release(file);
                    } catch (SQLException closing) {
                        e.addSuppressed(closing);
                    }
                });
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static DuckDBConnection connect(DuckDbSettings settings) {
        settings.file().map(Path::getParent).ifPresent(DuckDbWarehouseFactory::createDirectories);
        if (settings.file().isEmpty()) {
            try {
                return openInstance();
            } catch (SQLException e) {
                throw DuckDbErrors.wrap("open an in-memory database", null, e);
            }
        }
        Path file = settings.file().get();
        try {
            DuckDBConnection root = DuckDbAttachedFiles.acquire(file, () -> {
                DuckDBConnection instance = openInstance();
                try (Statement statement = instance.createStatement()) {
                    statement.execute("ATTACH " + DuckDbWarehouse.quoteLiteral(file.toString()) + " AS "
                            + DuckDbWarehouse.quoteIdentifier(CATALOG));
                    statement.execute("USE " + DuckDbWarehouse.quoteIdentifier(CATALOG));
                    return instance;
                } catch (SQLException e) {
                    try {
                        instance.close();
                    } catch (SQLException closing) {
                        e.addSuppressed(closing);
                    }
                    throw e;
                }
            });
            try (Statement statement = root.createStatement()) {
                // USE is per connection, and a duplicate starts in the in-memory catalog.
                statement.execute("USE " + DuckDbWarehouse.quoteIdentifier(CATALOG));
            }
            return root;
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains(LOCK_CONFLICT)) {
                throw new WarehouseException("DuckDB file " + settings.location() + " is in use by another process."
                        + " Another Sluice process (for example `sluice serve`) probably holds it: a DuckDB file"
                        + " has one owning process. Stop that process, or run the command through that server"
                        + " instead of opening the file directly. DuckDB said: " + e.getMessage(), null, e);
            }
            throw DuckDbErrors.wrap("open the database " + settings.location(), null, e);
        }
    }

    /** A fresh in-memory DuckDB instance; files are attached to one (see {@link #CATALOG}). */
    private static DuckDBConnection openInstance() throws SQLException {
        Properties properties = new Properties();
        // Without it DuckDB materializes a whole result before the first row: a cursor must stream.
        properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
        // The driver directly, not DriverManager: it does not depend on which class loader registered it.
        return (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", properties);
    }

    /**
     * Applies the settings with SET after opening rather than as connection properties: DuckDB
     * refuses a second connection to an open file with a different configuration.
     */
    private static void configure(DuckDBConnection root, DuckDbSettings settings) {
        settings.threads().ifPresent(threads -> run(root, "SET threads = " + threads, "threads"));
        settings.memoryLimit().ifPresent(limit ->
                run(root, "SET memory_limit = " + DuckDbWarehouse.quoteLiteral(limit), "memory_limit"));
        settings.preserveInsertionOrder().ifPresent(preserve ->
                run(root, "SET preserve_insertion_order = " + preserve, "preserve_insertion_order"));
        settings.disabledCompressionMethods().ifPresent(methods -> run(root, "SET disabled_compression_methods = "
                + DuckDbWarehouse.quoteLiteral(methods), "disabled_compression_methods"));
        // TIMESTAMPTZ arithmetic, truncation, extraction and text follow the time zone: pinned to UTC, whatever
        // the machine's zone, so models compute the same everywhere and as their PostgreSQL and Snowflake
        // translations do (both connectors pin UTC too). GLOBAL: every duplicate connection has it. (Not a
        // connection property: ICU, which owns the setting, is loaded only after startup.)
        run(root, "SET GLOBAL TimeZone = 'UTC'", "TimeZone");
        run(root, "CREATE SCHEMA IF NOT EXISTS " + DuckDbWarehouse.quoteIdentifier(settings.schema()), "schema");
    }

    private static void run(DuckDBConnection root, String sql, String setting) {
        try (Statement statement = root.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("apply setting '" + setting + "'", sql, e);
        }
    }

    private static void createDirectories(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new WarehouseException("duckdb target: cannot create the directory " + directory
                    + " for setting 'path': " + e, null, e);
        }
    }

}
