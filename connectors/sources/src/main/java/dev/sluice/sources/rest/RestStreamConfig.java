package dev.sluice.sources.rest;

import dev.sluice.sources.internal.Settings;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourceStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One stream of a REST source as configured: its path, where its records are, how it pages and its
 * cursor. Immutable and thread-safe.
 *
 * @param parameters query parameters sent with every request of this stream
 */
record RestStreamConfig(SourceStream stream, String path, JsonPath records, Map<String, String> parameters,
        RestPaginator paginator, RestCursor cursor) {
    private static final Set<String> KEYS = Set.of("path", "records", "primary-key", "cursor", "paginator", "fields",
            "parameters");
    private static final Map<String, LogicalType> TYPES = types();

    static RestStreamConfig read(String name, Settings stream, RestPaginator defaultPaginator) {
        stream.allowOnly(KEYS);
        List<SourceField> fields = new ArrayList<>();
        Settings declared = stream.map("fields", null);
        for (String field : declared.keys()) {
            String typeName = declared.required(field).strip().toLowerCase(Locale.ROOT);
            LogicalType type = TYPES.get(typeName);
            if (type == null) {
                throw declared.invalid(field, "unknown type \"" + typeName + "\"; expected one of "
                        + String.join(", ", TYPES.keySet()));
            }
            if (field.startsWith("_sluice_")) {
                throw declared.invalid(field, "names starting with _sluice_ are Sluice's own columns");
            }
            fields.add(new SourceField(field, type));
        }
        List<String> primaryKey = stream.list("primary-key");
        for (String key : primaryKey) {
            if (fields.stream().noneMatch(field -> field.name().equals(key))) {
                throw stream.invalid("primary-key", "\"" + key + "\" is not among the declared fields " + declared.keys()
                        + "; declare it under fields so it has a column");
            }
        }
        RestCursor cursor = null;
        if (stream.has("cursor")) {
            Settings cursorSettings = stream.map("cursor", null);
            String field = cursorSettings.required("field");
            LogicalType type = fields.stream().filter(f -> f.name().equals(field)).map(SourceField::type).findFirst()
                    .orElse(null);
            cursor = RestCursor.read(cursorSettings, type);
        }
        RestPaginator paginator = stream.has("paginator") ? RestPaginator.read(stream.map("paginator", "type"))
                : defaultPaginator;
        Map<String, String> parameters = new LinkedHashMap<>();
        Settings parameterSettings = stream.map("parameters", null);
        parameterSettings.keys().forEach(key -> parameters.put(key, parameterSettings.required(key)));
        String path = stream.required("path");
        if (!path.startsWith("/")) {
            throw stream.invalid("path", "expected a path starting with /, relative to base-url, not \"" + path + "\"");
        }
        return new RestStreamConfig(new SourceStream(name, fields, primaryKey,
                Optional.ofNullable(cursor).map(RestCursor::field)), path,
                JsonPath.parse(stream.text("records", "$"), stream.name("records")), parameters, paginator, cursor);
    }

    private static Map<String, LogicalType> types() {
        Map<String, LogicalType> types = new LinkedHashMap<>();
        types.put("varchar", LogicalType.VARCHAR);
        types.put("text", LogicalType.VARCHAR);
        types.put("string", LogicalType.VARCHAR);
        types.put("bigint", LogicalType.BIGINT);
        types.put("integer", LogicalType.INTEGER);
        types.put("int", LogicalType.INTEGER);
        types.put("double", LogicalType.DOUBLE);
        types.put("decimal", LogicalType.DECIMAL);
        types.put("numeric", LogicalType.DECIMAL);
        types.put("boolean", LogicalType.BOOLEAN);
        types.put("date", LogicalType.DATE);
        types.put("timestamp", LogicalType.TIMESTAMP);
        types.put("timestamptz", LogicalType.TIMESTAMP_TZ);
        types.put("json", LogicalType.JSON);
        return types;
    }
}
