package dev.sluice.engine.sync;

import dev.sluice.engine.Names;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseRelation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model columns a sync reads, checked against the model as the warehouse has it, with the
 * names spelt as the warehouse stores them. Immutable.
 *
 * @param primaryKey the key column
 * @param payload the columns that make a row's payload (and its fingerprint), in order: the mapped
 *     columns, or every column of the model when a template writes the payload
 */
record SyncColumns(String primaryKey, List<String> payload) {
    SyncColumns {
        requireNonNull(primaryKey, "primaryKey is null");
        payload = List.copyOf(payload);
    }

    /** @throws SyncException naming the sync file and field whose column the model lacks */
    static SyncColumns resolve(SyncDefinition sync, WarehouseRelation model) {
        Map<String, String> byLowerName = new LinkedHashMap<>();
        for (WarehouseColumn column : model.columns()) {
            byLowerName.put(column.name().toLowerCase(Locale.ROOT), column.name());
        }
        String primaryKey = column(sync, "primary_key", sync.primaryKey(), byLowerName);
        List<String> payload = new ArrayList<>();
        if (sync.template() != null) {
            payload.addAll(byLowerName.values());
        } else {
            sync.mapping().forEach((field, column) -> {
                String name = column(sync, "mapping." + field, column, byLowerName);
                if (!payload.contains(name)) {
                    payload.add(name);
                }
            });
        }
        return new SyncColumns(primaryKey, payload);
    }

    private static String column(SyncDefinition sync, String field, String column, Map<String, String> byLowerName) {
        String name = byLowerName.get(column.toLowerCase(Locale.ROOT));
        if (name == null) {
            throw SyncException.config(sync.where(field) + ": column \"" + column + "\" not found in model "
                    + sync.model() + Names.didYouMean(column, byLowerName.values()) + "; its columns are "
                    + String.join(", ", byLowerName.values()));
        }
        return name;
    }
}
