package dev.sluice.sources.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourceStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An sObject as its {@code describe} answer gave it: the fields queried (API names), the stream's columns
 * (the same fields in snake case: {@code SystemModstamp} lands as {@code system_modstamp}), and the field
 * runs are incremental on: {@code SystemModstamp}, or {@code CreatedDate} for an object without it (the
 * field-history objects, which only ever gain rows), or none. Immutable and thread-safe.
 *
 * @param apiNames the queried fields, in column order
 * @param cursorField the API name of the incremental field, or {@code null}
 * @param deletable whether the object has {@code IsDeleted} (then {@code queryAll} also returns deleted rows)
 */
record SalesforceObject(String name, SourceStream stream, List<String> apiNames, String cursorField, boolean deletable) {
    static SalesforceObject fromDescribe(String name, JsonNode describe) {
        List<SourceField> fields = new ArrayList<>();
        List<String> apiNames = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        Set<String> all = new HashSet<>();
        for (JsonNode field : describe.path("fields")) {
            String apiName = field.path("name").asText();
            all.add(apiName);
            LogicalType type = type(field.path("type").asText());
            if (type == null) {
                continue;
            }
            String column = snake(apiName);
            if (!columns.add(column)) {
                column = apiName.toLowerCase(Locale.ROOT);
                columns.add(column);
            }
            apiNames.add(apiName);
            fields.add(new SourceField(column, type));
        }
        String cursor = all.contains("SystemModstamp") ? "SystemModstamp" : all.contains("CreatedDate") ? "CreatedDate" : null;
        List<String> key = all.contains("Id") ? List.of("id") : List.of();
        SourceStream stream = new SourceStream(snake(name), fields, key,
                Optional.ofNullable(cursor).map(SalesforceObject::snake));
        return new SalesforceObject(name, stream, apiNames, cursor, all.contains("IsDeleted"));
    }

    /**
     * The column type of a describe field type, or {@code null} for one that is not queried in bulk
     * ({@code base64}: file bodies).
     */
    static LogicalType type(String soapType) {
        return switch (soapType) {
            case "boolean" -> LogicalType.BOOLEAN;
            case "int", "long" -> LogicalType.BIGINT;
            case "double", "percent" -> LogicalType.DOUBLE;
            case "currency" -> LogicalType.DECIMAL;
            case "date" -> LogicalType.DATE;
            case "datetime" -> LogicalType.TIMESTAMP;
            case "address", "location" -> LogicalType.JSON;
            case "base64" -> null;
            default -> LogicalType.VARCHAR;
        };
    }

    /** {@code SystemModstamp} → {@code system_modstamp}, {@code LeadId} → {@code lead_id}, {@code Score__c} → {@code score__c}. */
    static String snake(String apiName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < apiName.length(); i++) {
            char c = apiName.charAt(i);
            boolean upper = Character.isUpperCase(c);
            if (upper && i > 0) {
                char before = apiName.charAt(i - 1);
                boolean nextLower = i + 1 < apiName.length() && Character.isLowerCase(apiName.charAt(i + 1));
                if (Character.isLowerCase(before) || Character.isDigit(before) || (Character.isUpperCase(before) && nextLower)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().replaceAll("_{3,}", "__");
    }
}
