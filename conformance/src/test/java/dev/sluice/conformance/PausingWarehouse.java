package dev.sluice.conformance;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCapability;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseFactory;
import dev.sluice.spi.WarehouseRelation;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import dev.sluice.spi.dialect.WarehouseDialect;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A warehouse (type {@code pausing}, found through ServiceLoader) that passes everything to the real one
 * named by the setting {@code delegate} and, in a child JVM that a test is about to kill, stops for good
 * right after the first step matching the system property {@value #PAUSE_AFTER}: it prints
 * {@value #PAUSED} and the step on standard output and sleeps, so the parent kills the process at exactly
 * that point (inside the step's transaction, when there is one). A step is a statement's SQL,
 * {@code append to <schema>.<table>} or {@code commit}.
 *
 * <p>Thread-safe as far as the real warehouse is.
 */
public final class PausingWarehouse implements Warehouse {
    static final String PAUSE_AFTER = "sluice.conformance.pauseAfter";
    static final String PAUSED = "PAUSED AFTER ";

    private final Warehouse delegate;
    private final Pattern pauseAfter;

    private PausingWarehouse(Warehouse delegate, Pattern pauseAfter) {
        this.delegate = delegate;
        this.pauseAfter = pauseAfter;
    }

    /** Opens the warehouse named by {@code delegate}, with the other settings. */
    public static final class Factory implements WarehouseFactory {
        @Override
        public String type() {
            return "pausing";
        }

        @Override
        public Warehouse open(Map<String, String> settings) {
            Map<String, String> rest = new HashMap<>(settings);
            String type = rest.remove("delegate");
            String pause = System.getProperty(PAUSE_AFTER);
            return new PausingWarehouse(Warehouses.open(type, rest),
                    pause == null ? null : Pattern.compile(pause, Pattern.CASE_INSENSITIVE | Pattern.DOTALL));
        }
    }

    private void step(String step) {
        if (pauseAfter == null || !pauseAfter.matcher(step).matches()) {
            return;
        }
        System.out.println(PAUSED + step.replace('\n', ' '));
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paused for the kill", e);
        }
    }

    @Override
    public String dialect() {
        return delegate.dialect();
    }

    @Override
    public WarehouseDialect sqlDialect() {
        return delegate.sqlDialect();
    }

    @Override
    public Set<WarehouseCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String defaultSchema() {
        return delegate.defaultSchema();
    }

    @Override
    public WarehouseSession openSession() {
        return new Session(delegate.openSession());
    }

    @Override
    public String quote(String identifier) {
        return delegate.quote(identifier);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private final class Session implements WarehouseSession {
        private final WarehouseSession session;

        Session(WarehouseSession session) {
            this.session = session;
        }

        @Override
        public WarehouseDialect sqlDialect() {
            return session.sqlDialect();
        }

        @Override
        public long execute(String sql) {
            long changed = session.execute(sql);
            step(sql);
            return changed;
        }

        @Override
        public WarehouseCursor query(String sql, List<?> parameters) {
            return session.query(sql, parameters);
        }

        @Override
        public Optional<WarehouseRelation> describe(RelationName relation) {
            return session.describe(relation);
        }

        @Override
        public Map<RelationName, WarehouseRelation> describeAll(java.util.Collection<RelationName> relations) {
            return session.describeAll(relations);
        }

        @Override
        public void createSchema(String schema) {
            session.createSchema(schema);
        }

        @Override
        public long append(RelationName table, Iterator<? extends List<?>> rows) {
            long appended = session.append(table, rows);
            step("append to " + table.schema() + "." + table.name());
            return appended;
        }

        @Override
        public void begin() {
            session.begin();
        }

        @Override
        public void commit() {
            session.commit();
            step("commit");
        }

        @Override
        public void rollback() {
            session.rollback();
        }

        @Override
        public Set<RelationName> referencedRelations(String sql) {
            return session.referencedRelations(sql);
        }

        @Override
        public void tag(String project, String model, String runId) {
            session.tag(project, model, runId);
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
