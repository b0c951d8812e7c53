package dev.sluice.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates fuzz payloads: valid events and batches, the same with one field replaced by a random
 * JSON value, byte-level mutations of them (deletions, insertions, flips, truncation), and random
 * bytes. Every event carries {@code marker} in its properties and message id, so the test can find
 * its rows. Not thread-safe.
 */
final class FuzzPayloads {
    private static final List<String> TYPES = List.of("track", "identify", "page", "screen", "group", "alias", "purchase", "");
    private static final List<String> FIELDS = List.of("userId", "anonymousId", "event", "messageId", "type", "groupId",
            "previousId", "context", "properties", "traits", "integrations", "timestamp", "sentAt", "originalTimestamp",
            "name", "batch");
    private static final List<String> ODD_VALUES = List.of("null", "true", "0", "-1", "1e400", "-1e-400", "1.50",
            "123456789012345678901234567890", "\"\"", "\" \"", "[]", "{}", "[[[[[[]]]]]]", "\"\\ud800\"", "\"\\u0000\"",
            "\"\\udfff\\ud800\"", "\"2026-13-45T99:99:99Z\"", "\"2026-03-01T12:00:00Z\"", "\"\u00e9\u4e2d\ud83d\ude00\"",
            "{\"a\": {\"b\": {\"c\": [1, {\"d\": null}]}}}", "\"" + "z".repeat(5000) + "\"", "NaN", "Infinity", "'single'",
            "\"\\\"quoted\\\"\"", "{\"ip\": 5}", "{\"traits\": []}");

    private final Random random;

    FuzzPayloads(Random random) {
        this.random = random;
    }

    byte[] next(String marker, boolean batchEndpoint) {
        String json = batchEndpoint || random.nextInt(4) == 0 ? batch(marker) : event(marker, random.nextInt(3) == 0);
        return switch (random.nextInt(6)) {
            case 0, 1 -> json.getBytes(StandardCharsets.UTF_8);
            case 2, 3 -> replaceField(json).getBytes(StandardCharsets.UTF_8);
            case 4 -> mutateBytes(json.getBytes(StandardCharsets.UTF_8));
            default -> random.nextInt(4) == 0 ? randomBytes() : deepNesting().getBytes(StandardCharsets.UTF_8);
        };
    }

    private String batch(String marker) {
        int size = random.nextInt(random.nextInt(10) == 0 ? 40 : 6);
        StringBuilder batch = new StringBuilder("{\"sentAt\": \"2026-03-01T12:00:00Z\", \"batch\": [");
        for (int index = 0; index < size; index++) {
            batch.append(index == 0 ? "" : ", ").append(event(marker + index, true));
        }
        return batch.append("]}").toString();
    }

    private String event(String marker, boolean withType) {
        String type = TYPES.get(random.nextInt(random.nextInt(5) == 0 ? TYPES.size() : 6));
        StringBuilder event = new StringBuilder("{");
        if (withType) {
            event.append("\"type\": \"").append(type).append("\", ");
        }
        event.append("\"messageId\": \"").append(marker).append("-").append(random.nextInt(1000)).append("\", ");
        event.append("\"anonymousId\": \"anon-").append(random.nextInt(50)).append("\", ");
        if (random.nextBoolean()) {
            event.append("\"userId\": \"user-").append(random.nextInt(50)).append("\", ");
        }
        event.append("\"event\": \"Event ").append(random.nextInt(5)).append("\", ");
        event.append("\"groupId\": \"g1\", \"previousId\": \"p1\", ");
        event.append("\"context\": {\"library\": {\"name\": \"fuzz\"}}, ");
        event.append("\"originalTimestamp\": \"2026-03-01T11:59:59.500Z\", ");
        event.append("\"properties\": {\"marker\": \"").append(marker).append("\", \"n\": ").append(random.nextInt())
                .append(random.nextBoolean() ? ", \"big\": \"" + "b".repeat(random.nextInt(6000)) + "\"" : "").append("}}");
        return event.toString();
    }

    /** Replaces the first value of a random known field with a random odd value (or adds the field). */
    private String replaceField(String json) {
        String field = "\"" + FIELDS.get(random.nextInt(FIELDS.size())) + "\": ";
        String value = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
        int at = json.indexOf(field);
        if (at < 0) {
            int brace = json.lastIndexOf('}');
            return brace <= 0 ? json : json.substring(0, brace) + ", " + field + value + json.substring(brace);
        }
        int start = at + field.length();
        int end = valueEnd(json, start);
        return json.substring(0, start) + value + json.substring(end);
    }

    /** The end of the JSON value starting at {@code start}: a string, or up to a comma/brace at depth 0. */
    private static int valueEnd(String json, int start) {
        if (json.charAt(start) == '"') {
            int index = start + 1;
            while (index < json.length() && json.charAt(index) != '"') {
                index += json.charAt(index) == '\\' ? 2 : 1;
            }
            return Math.min(index + 1, json.length());
        }
        int depth = 0;
        for (int index = start; index < json.length(); index++) {
            char c = json.charAt(index);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return index;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return index;
            }
        }
        return json.length();
    }

    private byte[] mutateBytes(byte[] bytes) {
        byte[] result = bytes.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && result.length > 0; m++) {
            int at = random.nextInt(result.length);
            switch (random.nextInt(4)) {
                case 0 -> result[at] = (byte) random.nextInt(256);
                case 1 -> result = concat(result, 0, at, result, at + 1, result.length);
                case 2 -> result = concat(result, 0, at, new byte[] {"{}[]\",:\\".getBytes(StandardCharsets.UTF_8)[random.nextInt(8)]},
                        0, 1, result, at, result.length);
                default -> result = Arrays.copyOf(result, at);
            }
        }
        return result;
    }

    private static byte[] concat(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        byte[] result = new byte[(aTo - aFrom) + (bTo - bFrom)];
        System.arraycopy(a, aFrom, result, 0, aTo - aFrom);
        System.arraycopy(b, bFrom, result, aTo - aFrom, bTo - bFrom);
        return result;
    }

    private static byte[] concat(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo, byte[] c, int cFrom, int cTo) {
        return concat(concat(a, aFrom, aTo, b, bFrom, bTo), 0, (aTo - aFrom) + (bTo - bFrom), c, cFrom, cTo);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String deepNesting() {
        int depth = 10 + random.nextInt(200);
        return "{\"userId\": \"u\", \"event\": \"E\", \"properties\": " + "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth) + "}";
    }
}
