package dev.sluice.engine.sync;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.destination.DestinationMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reverse-ETL sync, as declared in {@code syncs/NAME.yml}. Immutable.
 *
 * @param name the file's stem
 * @param file the file as the user knows it, for example {@code syncs/hubspot_contacts.yml}
 * @param model the model whose rows are sent
 * @param destinationType the connector, for example {@code hubspot}
 * @param destinationSettings the rest of the {@code destination} block, nested keys joined with dots,
 *     still holding their {@code ${env.VAR}} references (resolved when the sync runs)
 * @param primaryKey the model column that identifies a row in the destination
 * @param mapping destination field to model column, in order; empty when a template is used
 * @param template the payload template's path (project {@code templates/} first, then Sluice's
 *     {@code templates/destinations/}), or {@code null} when fields are mapped
 * @param batchSize records per request; 0 means the destination's largest batch
 * @param rateLimit requests per second; 0 means the destination's published limit (or none)
 * @param concurrency requests in flight at once
 * @param retries attempts per batch within a run on 5xx and time-outs, after the first
 * @param maxAttempts runs in which a row rejected with a 4xx is tried before it is left alone
 *     (until it changes)
 * @param schedule a cron expression for the scheduler, or {@code null}; not used by the CLI
 */
public record SyncDefinition(String name, String file, String model, String destinationType,
        Map<String, String> destinationSettings, DestinationMode mode, String primaryKey, Map<String, String> mapping,
        String template, int batchSize, double rateLimit, int concurrency, int retries, int maxAttempts,
        String schedule) {
    public SyncDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(file, "file is null");
        requireNonNull(model, "model is null");
        requireNonNull(destinationType, "destinationType is null");
        destinationSettings = Collections.unmodifiableMap(new LinkedHashMap<>(destinationSettings));
        requireNonNull(mode, "mode is null");
        requireNonNull(primaryKey, "primaryKey is null");
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        if (mapping.isEmpty() == (template == null)) {
            throw new IllegalArgumentException(file + ": exactly one of mapping and template is needed");
        }
    }

    /** Where an error about {@code field} happened, for example {@code syncs/crm.yml: mapping.email}. */
    public String where(String field) {
        return file + ": " + field;
    }
}
