package dev.sluice.sources.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.source.SourceException;
import java.util.List;

/**
 * The small subset of JSONPath the REST source takes: {@code $} (the whole body) and {@code $.a.b}
 * (nested object fields), optionally ending in {@code [*]}. Immutable and thread-safe.
 */
record JsonPath(String text, List<String> fields) {
    static JsonPath parse(String text, String setting) {
        String path = text.strip();
        if (path.endsWith("[*]")) {
            path = path.substring(0, path.length() - 3);
        }
        if (path.equals("$")) {
            return new JsonPath(text, List.of());
        }
        if (!path.startsWith("$.") || path.length() == 2 || path.contains("..") || path.contains("[")) {
            throw SourceException.invalidSettings(setting, "expected a path such as $.data or $.result.items, not \""
                    + text + "\"");
        }
        return new JsonPath(text, List.of(path.substring(2).split("\\.")));
    }

    /** The node at this path, or a missing node. */
    JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (String field : fields) {
            node = node.path(field);
        }
        return node;
    }

    @Override
    public String toString() {
        return text;
    }
}
