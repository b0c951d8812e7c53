package dev.sluice.engine.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.template.PayloadTemplates;
import dev.sluice.engine.template.PayloadTemplates.PayloadTemplate;
import dev.sluice.spi.destination.DestinationMode;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns rows of the diff into destination records: mapped fields, or a rendered payload template.
 * Thread-safe (immutable; templates render from any thread).
 */
final class SyncRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};
    private final SyncDefinition sync;
    private final SyncColumns columns;
    private final PayloadTemplates templates;
    private final PayloadTemplate template;

    /** @throws SluiceException when the sync's template does not exist or does not parse */
    SyncRecords(SyncDefinition sync, SyncColumns columns, PayloadTemplates templates) {
        this.sync = sync;
        this.columns = columns;
        this.templates = templates;
        this.template = sync.template() == null ? null : templates.parse(sync.template(), sync.where("template"));
    }

    /** A text that changes whenever the way rows become payloads does: the mapping, or the template. */
    String signature() {
        if (template == null) {
            return "mapping:" + sync.mapping();
        }
        return "template:" + sync.template() + ":" + Integer.toHexString(template.source().hashCode());
    }

    /**
     * @param change {@code add}, {@code change} or {@code remove}
     * @param values the payload columns' values, in {@link SyncColumns#payload()} order
     */
    SyncRow row(String change, String key, String fingerprint, int attempts, List<Object> values) {
        DestinationOperation operation = operation(change);
        if (operation == DestinationOperation.DELETE) {
            return new SyncRow(key, fingerprint, attempts, new DestinationRecord(key, operation, Map.of()), null);
        }
        Map<String, Object> byColumn = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            byColumn.put(columns.payload().get(i), PlainValues.plain(values.get(i)));
        }
        if (template == null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            sync.mapping().forEach((field, column) -> fields.put(field, byColumn.get(resolved(column))));
            return new SyncRow(key, fingerprint, attempts, new DestinationRecord(key, operation, fields), null);
        }
        String where = sync.file() + ": row " + sync.primaryKey() + "=" + key;
        try {
            String payload = templates.render(template, data(key, operation, byColumn), where);
            Map<String, Object> fields = JSON.readValue(payload, OBJECT);
            return new SyncRow(key, fingerprint, attempts, new DestinationRecord(key, operation, fields, payload),
                    null);
        } catch (SluiceException e) {
            return new SyncRow(key, fingerprint, attempts, null, e.getMessage());
        } catch (JsonProcessingException e) {
            return new SyncRow(key, fingerprint, attempts, null, where + ": " + sync.template()
                    + " did not render a JSON object: " + e.getOriginalMessage());
        }
    }

    private Map<String, Object> data(String key, DestinationOperation operation, Map<String, Object> byColumn) {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Object> json = new LinkedHashMap<>();
        byColumn.forEach((column, value) -> {
            if (value != null) {
                row.put(column, value);
            }
            try {
                json.put(column, JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        Map<String, Object> data = new HashMap<>();
        data.put("row", row);
        data.put("json", json);
        data.put("key", key);
        data.put("operation", operation.name().toLowerCase(Locale.ROOT));
        data.put("sync", sync.name());
        return data;
    }

    private String resolved(String column) {
        for (String name : columns.payload()) {
            if (name.equalsIgnoreCase(column)) {
                return name;
            }
        }
        return column;
    }

    private DestinationOperation operation(String change) {
        if (change.equals("remove")) {
            return DestinationOperation.DELETE;
        }
        DestinationMode mode = sync.mode();
        return switch (mode) {
            case INSERT -> DestinationOperation.INSERT;
            case UPDATE -> DestinationOperation.UPDATE;
            case UPSERT, MIRROR -> DestinationOperation.UPSERT;
        };
    }
}
