package dev.sluice.spi;

import dev.sluice.spi.dialect.WarehouseDialect;
import java.util.Set;

/**
 * An open warehouse: the engine's only way to reach data. It hands out {@linkplain WarehouseSession
 * sessions} and says what it can do as data ({@link #capabilities()}), so strategies choose
 * without asking which vendor they talk to.
 *
 * <p>Thread-safe: any thread may open sessions. Close the warehouse after every session is closed.
 */
public interface Warehouse extends AutoCloseable {
    /** The SQL dialect this warehouse speaks, in lower case: {@code duckdb}, {@code snowflake}, {@code postgresql}. */
    String dialect();

    /**
     * How this warehouse spells the SQL Sluice writes itself (DDL, types, the statements of each
     * materialization). The same object for the warehouse's life; its {@link WarehouseDialect#name()}
     * equals {@link #dialect()}.
     */
    WarehouseDialect sqlDialect();

    /** What this warehouse supports beyond the required methods. */
    Set<WarehouseCapability> capabilities();

    /** The schema unqualified names resolve to, for example {@code main} on DuckDB. */
    String defaultSchema();

    /** Opens a new session (a connection). The caller closes it. */
    WarehouseSession openSession();

    /** An identifier quoted for this warehouse so that its case and spelling are kept. */
    String quote(String identifier);

    /** A schema-qualified, quoted relation name. */
    default String quote(RelationName relation) {
        return quote(relation.schema()) + "." + quote(relation.name());
    }

    @Override
    void close();
}
