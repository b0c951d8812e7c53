package dev.sluice.engine.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.project.SourceConfig.DeclaredColumn;
import dev.sluice.engine.project.SourceConfig.SourceTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Reads the {@code sources} section of {@code sluice.yml}:
 *
 * <pre>
 * sources:
 *   shop:
 *     schema: raw
 *     tables:
 *       - orders                      # columns read from the warehouse
 *       - name: customers
 *         columns: {id: BIGINT, email: VARCHAR}
 *       - name: payments
 *         identifier: stripe_payments
 *         columns:
 *           - {name: id, type: VARCHAR, description: Stripe's payment id}
 * </pre>
 */
final class SourcesReader {
    private final BinaryOperator<String> interpolate;

    /** @param interpolate (value, field) to the value with environment variables substituted */
    SourcesReader(BinaryOperator<String> interpolate) {
        this.interpolate = interpolate;
    }

    Map<String, SourceConfig> read(JsonNode node) {
        Map<String, SourceConfig> sources = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return sources;
        }
        if (!node.isObject()) {
            throw ProjectConfigReader.error("sources", "expected a map of source name to schema and tables");
        }
        node.fields().forEachRemaining(entry -> {
            String field = "sources." + entry.getKey();
            JsonNode source = entry.getValue();
            String schema = source.hasNonNull("schema")
                    ? interpolate.apply(source.get("schema").asText(), field + ".schema") : entry.getKey();
            sources.put(entry.getKey(), new SourceConfig(entry.getKey(), schema,
                    tables(source.path("tables"), field, source)));
        });
        return sources;
    }

    private Map<String, SourceTable> tables(JsonNode node, String field, JsonNode source) {
        Map<String, SourceTable> tables = new LinkedHashMap<>();
        if (node.isArray()) {
            for (JsonNode table : node) {
                SourceTable parsed = table.isTextual()
                        ? new SourceTable(table.asText(), table.asText(), null, List.of(),
                                freshness(null, source, field + ".tables." + table.asText()))
                        : table(table.path("name").asText(null), table, field + ".tables", source);
                tables.put(parsed.name(), parsed);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(entry -> tables.put(entry.getKey(),
                    table(entry.getKey(), entry.getValue(), field + ".tables", source)));
        } else {
            throw ProjectConfigReader.error(field + ".tables", "expected a list of table names or table entries");
        }
        return tables;
    }

    private SourceTable table(String name, JsonNode table, String field, JsonNode source) {
        if (name == null || name.isBlank()) {
            throw ProjectConfigReader.error(field, "a table entry needs a name");
        }
        String identifier = table.hasNonNull("identifier") ? table.get("identifier").asText() : name;
        String description = table.hasNonNull("description") ? table.get("description").asText() : null;
        return new SourceTable(name, identifier, description, columns(table.path("columns"), field + "." + name + ".columns"),
                freshness(table, source, field + "." + name));
    }

    /** A table's freshness: its own settings over its source's ({@code loaded_at_field}, {@code freshness}). */
    private static SourceConfig.Freshness freshness(JsonNode table, JsonNode source, String field) {
        JsonNode settings = table != null && table.has("freshness") ? table.get("freshness") : source.path("freshness");
        if (settings.isMissingNode() || settings.isNull()) {
            return null;
        }
        JsonNode loadedAt = table != null && table.hasNonNull("loaded_at_field") ? table.get("loaded_at_field")
                : source.path("loaded_at_field");
        if (!loadedAt.isTextual()) {
            throw ProjectConfigReader.error(field, "freshness needs loaded_at_field, the column that says when a row arrived");
        }
        return new SourceConfig.Freshness(loadedAt.asText(), after(settings.path("warn_after"), field),
                after(settings.path("error_after"), field));
    }

    private static java.time.Duration after(JsonNode node, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        long count = node.path("count").asLong(-1);
        String period = node.path("period").asText("");
        if (count < 0) {
            throw ProjectConfigReader.error(field + ".freshness", "warn_after/error_after need a count and a period");
        }
        return switch (period) {
            case "minute" -> java.time.Duration.ofMinutes(count);
            case "hour" -> java.time.Duration.ofHours(count);
            case "day" -> java.time.Duration.ofDays(count);
            default -> throw ProjectConfigReader.error(field + ".freshness", "period must be minute, hour or day, got \""
                    + period + "\"");
        };
    }

    private static List<DeclaredColumn> columns(JsonNode node, String field) {
        List<DeclaredColumn> columns = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> columns.add(new DeclaredColumn(entry.getKey(),
                    entry.getValue().asText(), null)));
        } else if (node.isArray()) {
            for (JsonNode column : node) {
                if (!column.hasNonNull("name") || !column.hasNonNull("type")) {
                    throw ProjectConfigReader.error(field, "each column needs a name and a type, got " + column);
                }
                columns.add(new DeclaredColumn(column.get("name").asText(), column.get("type").asText(),
                        column.hasNonNull("description") ? column.get("description").asText() : null));
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            throw ProjectConfigReader.error(field, "expected a map of column to type, or a list of {name, type}");
        }
        return columns;
    }
}
