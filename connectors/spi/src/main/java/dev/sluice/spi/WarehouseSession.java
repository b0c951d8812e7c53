package dev.sluice.spi;

import dev.sluice.spi.dialect.WarehouseDialect;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One connection to a warehouse. Statements on a session run one after another.
 *
 * <p>Not thread-safe: a session belongs to one thread at a time. Open one session per worker
 * through {@link Warehouse#openSession()} and close it when done.
 */
public interface WarehouseSession extends AutoCloseable {
    /** The dialect of the warehouse this session belongs to: {@link Warehouse#sqlDialect()}. */
    WarehouseDialect sqlDialect();

    /**
     * Runs one statement that returns no rows (DDL, INSERT, MERGE, ...).
     *
     * @return the number of rows changed, or -1 when the warehouse does not say
     * @throws WarehouseException when the warehouse rejects it
     */
    long execute(String sql);

    /**
     * Runs a query and streams its rows. {@code parameters} bind to {@code ?} placeholders in order.
     *
     * @throws WarehouseException when the warehouse rejects it
     */
    WarehouseCursor query(String sql, List<?> parameters);

    default WarehouseCursor query(String sql) {
        return query(sql, List.of());
    }

    /** The relation's kind and columns, or empty when it does not exist. */
    Optional<WarehouseRelation> describe(RelationName relation);

    /**
     * {@link #describe} for several relations at once: the ones that exist, keyed by the name each was
     * asked for, in the order asked. A warehouse where one round trip can answer for many overrides it.
     */
    default Map<RelationName, WarehouseRelation> describeAll(Collection<RelationName> relations) {
        Map<RelationName, WarehouseRelation> described = new LinkedHashMap<>();
        for (RelationName relation : relations) {
            describe(relation).ifPresent(found -> described.put(relation, found));
        }
        return described;
    }

    /**
     * Creates the schema unless it exists. An implementation may remember, for the session's life,
     * that a schema exists (the engine asks before every model it builds); it forgets when the session
     * itself drops something, but a schema dropped by another session meanwhile is not re-created.
     */
    void createSchema(String schema);

    /**
     * Appends rows to an existing table, columns in the table's order. Faster than INSERT where
     * the warehouse has a bulk path ({@link WarehouseCapability#BULK_APPEND}); every warehouse
     * accepts it, falling back to batched INSERTs.
     *
     * @param rows each row has one value per column of the table, in table order
     * @return the number of rows appended
     * @throws WarehouseException when a row does not fit the table; rows appended before the bad
     *     one are kept unless the caller runs inside a transaction and rolls it back
     */
    long append(RelationName table, Iterator<? extends List<?>> rows);

    /**
     * An appender to an existing table that loads every row added to it with one bulk load when it is
     * {@linkplain WarehouseAppender#finish() finished}, however many parts they came in. The default appends
     * each part as it is added, with {@link #append}; a warehouse that loads files (Snowflake) overrides it to
     * write the files as rows come and load them with one statement.
     *
     * @throws WarehouseException when the table does not exist
     */
    default WarehouseAppender appender(RelationName table) {
        return new WarehouseAppender() {
            private long appended;
            private boolean finished;

            @Override
            public void add(Iterator<? extends List<?>> rows) {
                if (finished) {
                    throw new IllegalStateException("this appender to " + table + " is finished");
                }
                appended += append(table, rows);
            }

            @Override
            public long finish() {
                finished = true;
                return appended;
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Starts a transaction. DDL is included only when the warehouse has
     * {@link WarehouseCapability#TRANSACTIONAL_DDL}.
     *
     * @throws UnsupportedOperationException when the warehouse has no transactions
     */
    default void begin() {
        throw new UnsupportedOperationException("this warehouse has no transactions");
    }

    /** Commits the transaction begun by {@link #begin()}. */
    default void commit() {
        throw new UnsupportedOperationException("this warehouse has no transactions");
    }

    /** Rolls back the transaction begun by {@link #begin()}; harmless when none is open. */
    default void rollback() {
        throw new UnsupportedOperationException("this warehouse has no transactions");
    }

    /**
     * The relations a query reads, as the warehouse's own parser sees them (CTE names excluded).
     * Used when Sluice's SQL front end cannot parse a model, so an undeclared table is still an error.
     *
     * @throws UnsupportedOperationException unless the warehouse has {@link WarehouseCapability#NATIVE_PARSE_RELATIONS}
     * @throws WarehouseException when the warehouse cannot parse the query either
     */
    default Set<RelationName> referencedRelations(String sql) {
        throw new UnsupportedOperationException("this warehouse cannot list a query's relations");
    }

    /**
     * Labels the statements that follow on this session with the project, the model being built and
     * the run, for a warehouse that records such labels (Snowflake's {@code QUERY_TAG}, so its query
     * history shows what each model costs). Others ignore it. Any argument may be {@code null}.
     */
    default void tag(String project, String model, String runId) {
    }

    @Override
    void close();
}
