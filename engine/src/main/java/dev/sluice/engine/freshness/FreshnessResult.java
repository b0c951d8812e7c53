package dev.sluice.engine.freshness;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.project.SourceConfig;
import dev.sluice.spi.RelationName;
import java.time.Duration;
import java.time.Instant;

/**
 * How fresh one source table is.
 *
 * @param maxLoadedAt the newest {@code loaded_at_field}; {@code null} when the table is empty or could not be read
 * @param checkedAt when the newest value was read (dbt's {@code snapshotted_at})
 * @param status {@code pass}, {@code warn} (older than {@code warn_after}), {@code error} (older than
 *     {@code error_after}, or empty) or {@code runtime_error} (the table could not be read)
 * @param message why the status is not {@code pass}, for a person; {@code null} on a pass
 */
public record FreshnessResult(String source, String table, RelationName relation, SourceConfig.Freshness freshness,
        Instant maxLoadedAt, Instant checkedAt, Status status, String message) {
    public enum Status {
        PASS,
        WARN,
        ERROR,
        RUNTIME_ERROR
    }

    public FreshnessResult {
        requireNonNull(source, "source is null");
        requireNonNull(table, "table is null");
        requireNonNull(relation, "relation is null");
        requireNonNull(freshness, "freshness is null");
        requireNonNull(checkedAt, "checkedAt is null");
        requireNonNull(status, "status is null");
    }

    /** How old the newest row was when checked; {@code null} when there is none. */
    public Duration age() {
        return maxLoadedAt == null ? null : Duration.between(maxLoadedAt, checkedAt);
    }

    /** Whether the command fails for this table: an error or a runtime error. */
    public boolean failed() {
        return status == Status.ERROR || status == Status.RUNTIME_ERROR;
    }

    static FreshnessResult runtimeError(String source, String table, RelationName relation,
            SourceConfig.Freshness freshness, Instant checkedAt, String message) {
        return new FreshnessResult(source, table, relation, freshness, null, checkedAt, Status.RUNTIME_ERROR, message);
    }

    /** The status of a table whose newest row is {@code maxLoadedAt} ({@code null}: the table has no rows). */
    static FreshnessResult of(String source, String table, RelationName relation, SourceConfig.Freshness freshness,
            Instant maxLoadedAt, Instant checkedAt) {
        if (maxLoadedAt == null) {
            Status status = freshness.errorAfter() != null ? Status.ERROR
                    : freshness.warnAfter() != null ? Status.WARN : Status.PASS;
            return new FreshnessResult(source, table, relation, freshness, null, checkedAt, status,
                    status == Status.PASS ? null : relation + " has no rows, so no " + freshness.loadedAtField());
        }
        Duration age = Duration.between(maxLoadedAt, checkedAt);
        if (freshness.errorAfter() != null && age.compareTo(freshness.errorAfter()) > 0) {
            return new FreshnessResult(source, table, relation, freshness, maxLoadedAt, checkedAt, Status.ERROR,
                    "newest " + freshness.loadedAtField() + " is " + Ages.describe(age) + " old, more than error_after ("
                            + Ages.describe(freshness.errorAfter()) + ")");
        }
        if (freshness.warnAfter() != null && age.compareTo(freshness.warnAfter()) > 0) {
            return new FreshnessResult(source, table, relation, freshness, maxLoadedAt, checkedAt, Status.WARN,
                    "newest " + freshness.loadedAtField() + " is " + Ages.describe(age) + " old, more than warn_after ("
                            + Ages.describe(freshness.warnAfter()) + ")");
        }
        return new FreshnessResult(source, table, relation, freshness, maxLoadedAt, checkedAt, Status.PASS, null);
    }
}
