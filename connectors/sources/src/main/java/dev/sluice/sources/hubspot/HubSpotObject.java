package dev.sluice.sources.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourceStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A HubSpot CRM object type (contacts, companies, deals) with the properties its properties API lists:
 * each property is a column of its own name, after the record's {@code id}, {@code created_at},
 * {@code updated_at} and {@code archived}. Immutable and thread-safe.
 *
 * @param properties the property names asked for, in column order after the four record columns
 * @param modifiedProperty the property searches filter and sort on: {@code lastmodifieddate} for
 *     contacts, {@code hs_lastmodifieddate} for the others
 */
record HubSpotObject(String name, SourceStream stream, List<String> properties, String modifiedProperty) {
    static final List<String> RECORD_COLUMNS = List.of("id", "created_at", "updated_at", "archived");

    static HubSpotObject fromProperties(String name, JsonNode answer) {
        List<SourceField> fields = new ArrayList<>(List.of(new SourceField("id", LogicalType.VARCHAR),
                new SourceField("created_at", LogicalType.TIMESTAMP), new SourceField("updated_at", LogicalType.TIMESTAMP),
                new SourceField("archived", LogicalType.BOOLEAN)));
        List<String> properties = new ArrayList<>();
        for (JsonNode property : answer.path("results")) {
            String propertyName = property.path("name").asText();
            if (propertyName.isEmpty() || Set.copyOf(RECORD_COLUMNS).contains(propertyName)) {
                continue;
            }
            properties.add(propertyName);
            fields.add(new SourceField(propertyName, type(property.path("type").asText())));
        }
        String modified = name.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate";
        return new HubSpotObject(name, new SourceStream(name, fields, List.of("id"), Optional.of("updated_at")),
                properties, modified);
    }

    /** The column type of a property type; HubSpot sends every value as text. */
    static LogicalType type(String propertyType) {
        return switch (propertyType) {
            case "number" -> LogicalType.DOUBLE;
            case "bool" -> LogicalType.BOOLEAN;
            case "date" -> LogicalType.DATE;
            case "datetime" -> LogicalType.TIMESTAMP;
            default -> LogicalType.VARCHAR;
        };
    }
}
