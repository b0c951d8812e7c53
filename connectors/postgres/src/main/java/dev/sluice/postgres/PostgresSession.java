package dev.sluice.postgres;

import dev.sluice.jdbc.JdbcErrors;
import dev.sluice.jdbc.JdbcSession;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseRelation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * One pooled PostgreSQL connection. Outside {@link #begin()}..{@link #commit()} every statement
 * commits on its own; DDL inside a transaction is part of it.
 *
 * <p>Not thread-safe: one thread at a time, as the SPI says.
 */
final class PostgresSession extends JdbcSession {
    /** Schemas this session saw exist outside a transaction; forgotten on any DROP it runs. */
    private final Set<String> knownSchemas = new HashSet<>();

    private PostgresSession(Connection connection) {
        super(PostgresWarehouse.VENDOR, connection, PostgresDialect.INSTANCE);
    }

    /** Wraps a borrowed connection (its search path already set to the target's schema). */
    static PostgresSession open(Connection connection, String defaultSchema) {
        return new PostgresSession(connection);
    }

    @Override
    public long execute(String sql) {
        if (!knownSchemas.isEmpty() && sql.stripLeading().regionMatches(true, 0, "drop", 0, 4)) {
            knownSchemas.clear();
        }
        return super.execute(sql);
    }

    /** One catalog query however many relations are asked for; see {@link PostgresCatalog}. */
    @Override
    public Map<RelationName, WarehouseRelation> describeAll(Collection<RelationName> relations) {
        return PostgresCatalog.describe(connection(), relations);
    }

    @Override
    public void createSchema(String schema) {
        if (knownSchemas.contains(schema)) {
            return;
        }
        if (!PostgresCatalog.schemaExists(connection(), schema)) {
            execute("create schema if not exists " + sqlDialect().quoteIdentifier(schema));
        }
        if (!inTransaction()) {
            knownSchemas.add(schema);
        }
    }

    /** Appends by {@code COPY ... FROM STDIN} ({@link PostgresCopy}), columns in the table's order. */
    @Override
    public long append(RelationName table, Iterator<? extends List<?>> rows) {
        WarehouseRelation relation = describe(table).orElseThrow(() ->
                new WarehouseException("cannot append to " + table + ": no such table"));
        try {
            return new PostgresCopy(connection().unwrap(PGConnection.class).getCopyAPI(), relation).copy(rows);
        } catch (SQLException e) {
            throw JdbcErrors.wrap(vendor(), "append to " + table, null, e);
        }
    }
}
