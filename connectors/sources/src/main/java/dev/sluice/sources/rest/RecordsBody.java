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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An answer's JSON tree, read in one pass that also keeps the text of each element of the records array as the
 * API wrote it: a record's {@code _sluice_record} is then a substring of the answer, where serializing its tree
 * again cost more than parsing it. A record written with whitespace between its tokens (a pretty-printed answer)
 * is serialized from its tree instead, so the JSON column holds one compact line either way.
 *
 * <p>Of a record that is an object, the tree holds only the fields asked for (the declared fields and the
 * cursor): building every record's whole tree took most of the time a page took to read.
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

    /** {@link #parse(ObjectMapper, String, JsonPath, Set)} keeping every field of every record. */
    static Parsed parse(ObjectMapper json, String text, JsonPath path) throws IOException {
        return parse(json, text, path, null);
    }

    /**
     * @param fields the fields of a record to keep in its tree; {@code null} for all of them
     */
    static Parsed parse(ObjectMapper json, String text, JsonPath path, Set<String> fields) throws IOException {
        Map<JsonNode, List<String>> texts = new IdentityHashMap<>();
        JsonNode body;
        try (JsonParser parser = json.createParser(text)) {
            if (parser.nextToken() == null) {
                body = json.missingNode();
            } else {
                // Content after the value is ignored, as readTree ignores it.
                body = read(json, parser, text, path.fields(), 0, fields, texts);
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
            Set<String> fields, Map<JsonNode, List<String>> texts) throws IOException {
        JsonToken token = parser.currentToken();
        if (depth == path.size() && token == JsonToken.START_ARRAY) {
            ArrayNode array = json.createArrayNode();
            List<String> itemTexts = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                boolean partial = fields != null && parser.currentToken() == JsonToken.START_OBJECT;
                JsonNode item = partial ? fields(json, parser, fields) : json.readTree(parser);
                int end = (int) parser.currentLocation().getCharOffset();
                if (item.isContainerNode() && compact(text, start, end)) {
                    itemTexts.add(text.substring(start, end));
                } else {
                    JsonNode whole = partial ? json.readTree(text.substring(start, end)) : item;
                    itemTexts.add(whole.toString());
                }
                array.add(item);
            }
            texts.put(array, itemTexts);
            return array;
        }
        if (depth < path.size() && token == JsonToken.START_OBJECT) {
            ObjectNode object = json.createObjectNode();
            String wanted = path.get(depth);
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                object.set(name, name.equals(wanted) ? read(json, parser, text, path, depth + 1, fields, texts)
                        : json.readTree(parser));
            }
            return object;
        }
        return json.readTree(parser);
    }

    /** The object at the parser's current token, with only {@code fields}; the parser is left at its end. */
    private static ObjectNode fields(ObjectMapper json, JsonParser parser, Set<String> fields) throws IOException {
        ObjectNode object = json.createObjectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            if (!fields.contains(name)) {
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
            object.set(name, value);
        }
        return object;
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
