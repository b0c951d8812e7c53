package dev.sluice.engine.freshness;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.Project;
import dev.sluice.engine.project.SourceConfig;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseException;
import dev.sluice.spi.WarehouseSession;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code sluice source freshness}: for each source table with a {@code freshness:} block, reads the newest
 * {@code loaded_at_field} in the warehouse and compares its age with {@code warn_after} and {@code error_after},
 * as dbt does. A table that cannot be read (missing, no such column, not a timestamp) is a
 * {@link FreshnessResult.Status#RUNTIME_ERROR} of its own; the other tables are still checked.
 *
 * <p>Thread-safe (stateless); each call opens its own session.
 */
public final class SourceFreshness {
    private SourceFreshness() {}

    /**
     * Checks the selected source tables, in source then table name order.
     *
     * @param selectors {@code source}, {@code source.table}, either with a {@code source:} prefix; empty checks every
     *     table that declares freshness
     * @throws SluiceException for a selector that names no source or table declaring freshness
     */
    public static List<FreshnessResult> check(Project project, Warehouse warehouse, List<String> selectors, Clock clock) {
        List<Checked> tables = selected(project, selectors);
        List<FreshnessResult> results = new ArrayList<>();
        if (tables.isEmpty()) {
            return results;
        }
        try (WarehouseSession session = warehouse.openSession()) {
            for (Checked checked : tables) {
                results.add(check(session, checked.source(), checked.table(), clock));
            }
        }
        return results;
    }

    private record Checked(SourceConfig source, SourceConfig.SourceTable table) {}

    private static List<Checked> selected(Project project, List<String> selectors) {
        List<Checked> declared = new ArrayList<>();
        project.config().sources().values().stream().sorted(Comparator.comparing(SourceConfig::name))
                .forEach(source -> source.tables().values().stream()
                        .filter(table -> table.freshness() != null)
                        .sorted(Comparator.comparing(SourceConfig.SourceTable::name))
                        .forEach(table -> declared.add(new Checked(source, table))));
        if (selectors.isEmpty()) {
            return declared;
        }
        Set<Checked> chosen = new LinkedHashSet<>();
        for (String selector : selectors) {
            String name = selector.startsWith("source:") ? selector.substring("source:".length()) : selector;
            String source = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            String table = name.contains(".") ? name.substring(name.indexOf('.') + 1) : null;
            List<Checked> matching = declared.stream().filter(checked -> checked.source().name().equals(source)
                    && (table == null || checked.table().name().equals(table))).toList();
            if (matching.isEmpty()) {
                throw new SluiceException(ErrorCode.SELECTOR, "--select " + selector + ": "
                        + (declared.isEmpty() ? "no source table in sluice.yml declares freshness"
                                : "no source table declaring freshness matches; these do: " + String.join(", ",
                                        declared.stream().map(checked -> checked.source().name() + "."
                                                + checked.table().name()).toList())));
            }
            chosen.addAll(matching);
        }
        return List.copyOf(chosen);
    }

    private static FreshnessResult check(WarehouseSession session, SourceConfig source, SourceConfig.SourceTable table,
            Clock clock) {
        SourceConfig.Freshness freshness = table.freshness();
        RelationName relation = new RelationName(source.schema(), table.identifier());
        Instant checkedAt = clock.instant();
        Object newest;
        try {
            String sql = "select max(" + session.sqlDialect().identifier(freshness.loadedAtField()) + ") from "
                    + session.sqlDialect().relation(relation);
            try (WarehouseCursor cursor = session.query(sql)) {
                newest = cursor.next() ? cursor.get(0) : null;
            }
        } catch (WarehouseException | UnsupportedOperationException e) {
            return FreshnessResult.runtimeError(source.name(), table.name(), relation, freshness, checkedAt,
                    "could not read max(" + freshness.loadedAtField() + ") from " + relation + ": " + e.getMessage());
        }
        if (newest == null) {
            return FreshnessResult.of(source.name(), table.name(), relation, freshness, null, checkedAt);
        }
        Instant loadedAt = instant(newest);
        if (loadedAt == null) {
            return FreshnessResult.runtimeError(source.name(), table.name(), relation, freshness, checkedAt,
                    "loaded_at_field " + freshness.loadedAtField() + " of " + relation + " is not a timestamp (its newest"
                            + " value is " + newest.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + newest + ")");
        }
        return FreshnessResult.of(source.name(), table.name(), relation, freshness, loadedAt, checkedAt);
    }

    /** A timestamp as the warehouse returns it; one without a zone is UTC, as {@code loaded_at_field} must be. */
    private static Instant instant(Object value) {
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return WarehouseCursor.instant(value);
    }
}
