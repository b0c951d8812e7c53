package dev.sluice.sources.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer's JSON tree, read in one pass that also keeps the text of each element of the records array as the
 * API wrote it: a record's {@code _sluice_record} is then a substring of the answer, where serializing its tree
 * again cost more than parsing it. A record written with whitespace between its tokens (a pretty-printed answer)
 * is serialized from its tree instead, so the JSON column holds one compact line either way.
 *
 * <p>Stateless and thread-safe.
 */
final class RecordsBody {
    private RecordsBody() {}

    /**
     * @param body the answer's tree
     * @param records the records array at the path (a missing node, or another node, when there is none)
     * @param texts the JSON text of each element of {@code records}, when it is an array
     */
    record Parsed(JsonNode body, JsonNode records, List<String> texts) {}

    static Parsed parse(ObjectMapper json, String text, JsonPath path) throws IOException {
        Map<JsonNode, List<String>> texts = new IdentityHashMap<>();
        JsonNode body;
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() == null) {
                body = json.missingNode();
            } else {
                // Content after the value is ignored, as readTree ignores it.
                body = read(json, parser, text, path.fields(), 0, texts);
            }
        }
        JsonNode records = path.find(body);
        List<String> recordTexts = texts.get(records);
        if (recordTexts == null && records.isArray()) {
            recordTexts = new ArrayList<>(records.size());
            for (JsonNode item : records) {
                recordTexts.add(item.toString());
            }
        }
        return new Parsed(body, records, recordTexts);
    }

    /** The value at the parser's current token; the parser is left at the value's last token. */
    private static JsonNode read(ObjectMapper json, JsonParser parser, String text, List<String> path, int depth,
            Map<JsonNode, List<String>> texts) throws IOException {
        JsonToken token = parser.currentToken();
        if (depth == path.size() && token == JsonToken.START_ARRAY) {
            ArrayNode array = json.createArrayNode();
            List<String> itemTexts = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                JsonNode item = json.readTree(parser);
                int end = (int) parser.currentLocation().getCharOffset();
                array.add(item);
                itemTexts.add(item.isContainerNode() && compact(text, start, end) ? text.substring(start, end) : item.toString());
            }
            texts.put(array, itemTexts);
            return array;
        }
        if (depth < path.size() && token == JsonToken.START_OBJECT) {
            ObjectNode object = json.createObjectNode();
            String wanted = path.get(depth);
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                object.set(name, name.equals(wanted) ? read(json, parser, text, path, depth + 1, texts) : json.readTree(parser));
            }
            return object;
        }
        return json.readTree(parser);
    }

    /**
     * Whether the text between {@code start} and {@code end} is one object or array without whitespace outside
     * its strings.
     */
    static boolean compact(String text, int start, int end) {
        if (start < 0 || end > text.length() || end - start < 2) {
            return false;
        }
        char first = text.charAt(start);
        char last = text.charAt(end - 1);
        if (!(first == '{' && last == '}' || first == '[' && last == ']')) {
            return false;
        }
        boolean inString = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                return false;
            }
        }
        return !inString;
    }
}
