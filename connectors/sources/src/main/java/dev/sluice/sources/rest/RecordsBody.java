package dev.sluice.sources.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer's JSON tree, read in one pass that also keeps the text of each element of the records array as the
 * API wrote it: a record's {@code _sluice_record} is then a substring of the answer, where serializing its tree
 * again cost more than parsing it. A record written with whitespace between its tokens (a pretty-printed answer)
 * is serialized from its tree instead, so the JSON column holds one compact line either way.
 *
 * <p>Of a record that is an object, only the values of the fields asked for (the declared fields and the
 * cursor) are read into nodes, and the records array holds an empty object in its place: building every
 * record's whole tree took most of the time a page took to read.
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
    record Parsed(JsonNode body, JsonNode records, List<String> texts, List<JsonNode[]> values) {
        /**
         * The values of the fields asked for of record {@code index}, in their order ({@code null} where the
         * record lacks one), or {@code null} when they were not asked for or the record is no object: then its
         * node in {@link #records} is the whole record.
         */
        JsonNode[] values(int index) {
            return values == null ? null : values.get(index);
        }
    }

    /** {@link #parse(ObjectMapper, String, JsonPath, List)} keeping every field of every record. */
    static Parsed parse(ObjectMapper json, String text, JsonPath path) throws IOException {
        return parse(json, text, path, null);
    }

    /**
     * @param fields the fields of a record to keep in its tree; {@code null} for all of them
     */
    static Parsed parse(ObjectMapper json, String text, JsonPath path, List<String> fields) throws IOException {
        Map<JsonNode, List<String>> texts = new IdentityHashMap<>();
        Map<JsonNode, List<JsonNode[]>> values = new IdentityHashMap<>();
        Map<String, Integer> positions = null;
        if (fields != null) {
            positions = new HashMap<>();
            for (String field : fields) {
                positions.putIfAbsent(field, positions.size());
            }
        }
        JsonNode body;
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() == null) {
                body = json.missingNode();
            } else {
                // Content after the value is ignored, as readTree ignores it.
                body = read(json, parser, text, path.fields(), 0, positions, texts, values);
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
        return new Parsed(body, records, recordTexts, values.get(records));
    }

    /** The value at the parser's current token; the parser is left at the value's last token. */
    private static JsonNode read(ObjectMapper json, JsonParser parser, String text, List<String> path, int depth,
            Map<String, Integer> fields, Map<JsonNode, List<String>> texts, Map<JsonNode, List<JsonNode[]>> values)
            throws IOException {
        JsonToken token = parser.currentToken();
        if (depth == path.size() && token == JsonToken.START_ARRAY) {
            ArrayNode array = json.createArrayNode();
            List<String> itemTexts = new ArrayList<>();
            List<JsonNode[]> itemValues = new ArrayList<>();
            ObjectNode placeholder = json.createObjectNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                boolean partial = fields != null && parser.currentToken() == JsonToken.START_OBJECT;
                JsonNode[] found = partial ? fields(json, parser, fields) : null;
                JsonNode item = partial ? placeholder : json.readTree(parser);
                int end = (int) parser.currentLocation().getCharOffset();
                if (item.isContainerNode() && compact(text, start, end)) {
                    itemTexts.add(text.substring(start, end));
                } else {
                    JsonNode whole = partial ? json.readTree(text.substring(start, end)) : item;
                    itemTexts.add(whole.toString());
                }
                array.add(item);
                itemValues.add(found);
            }
            texts.put(array, itemTexts);
            if (fields != null) {
                values.put(array, itemValues);
            }
            return array;
        }
        if (depth < path.size() && token == JsonToken.START_OBJECT) {
            ObjectNode object = json.createObjectNode();
            String wanted = path.get(depth);
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                object.set(name, name.equals(wanted) ? read(json, parser, text, path, depth + 1, fields, texts, values)
                        : json.readTree(parser));
            }
            return object;
        }
        return json.readTree(parser);
    }

    /**
     * The values of {@code fields} (name to position) in the object at the parser's current token, the last one
     * where a name repeats, as readTree keeps it; the parser is left at the object's end.
     */
    private static JsonNode[] fields(ObjectMapper json, JsonParser parser, Map<String, Integer> fields) throws IOException {
        JsonNode[] values = new JsonNode[fields.size()];
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            Integer position = fields.get(name);
            if (position == null) {
                parser.skipChildren();
                continue;
            }
            // The common scalars directly, as readTree would build them; anything else through readTree.
            JsonNode value = switch (token) {
                case VALUE_STRING -> TextNode.valueOf(parser.getText());
                case VALUE_TRUE, VALUE_FALSE -> BooleanNode.valueOf(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> NullNode.getInstance();
                case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                    case INT -> IntNode.valueOf(parser.getIntValue());
                    case LONG -> LongNode.valueOf(parser.getLongValue());
                    default -> json.readTree(parser);
                };
                default -> json.readTree(parser);
            };
            values[position] = value;
        }
        return values;
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
