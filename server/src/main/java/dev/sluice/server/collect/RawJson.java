package dev.sluice.server.collect;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A JSON object passed on exactly as the client wrote it: a span of the request body, checked by the
 * parser but never built into a tree, and written back byte for byte. The collector keeps an event's
 * {@code properties} and {@code traits} this way (it never changes them): building them into a tree
 * and writing the tree out again was a third of the work of accepting an event.
 *
 * <p>In a tree it sits in a {@link POJONode} holding a {@link RawValue}; {@link #isObject} tells it
 * apart, {@link #expanded} turns a tree holding it into an ordinary tree. Immutable and thread-safe
 * (the body is not changed after parsing).
 */
public final class RawJson implements SerializableString {
    private final byte[] bytes;
    private final int start;
    private final int end;

    RawJson(byte[] bytes, int start, int end) {
        if (start < 0 || end > bytes.length || start > end) {
            throw new IllegalArgumentException("span " + start + ".." + end + " outside " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.start = start;
        this.end = end;
    }

    /** A tree node standing for the object in {@code bytes[start, end)}. */
    static JsonNode node(byte[] bytes, int start, int end) {
        return new POJONode(new RawValue(new RawJson(bytes, start, end)));
    }

    /** Whether the node is a raw object made by {@link #node}. */
    public static boolean isObject(JsonNode node) {
        return raw(node) != null;
    }

    /** A deep copy of {@code node} in which every raw object is parsed into an ordinary tree. */
    public static JsonNode expanded(JsonNode node) {
        RawJson raw = raw(node);
        if (raw != null) {
            try {
                return EventJson.requests().readTree(raw.bytes, raw.start, raw.end - raw.start);
            } catch (IOException e) {
                throw new UncheckedIOException("a raw object the parser had checked no longer reads", e);
            }
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                copy.set(field.getKey(), expanded(field.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode(array.size());
            array.forEach(element -> copy.add(expanded(element)));
            return copy;
        }
        return node.deepCopy();
    }

    private static RawJson raw(JsonNode node) {
        return node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue value
                && value.rawValue() instanceof RawJson raw ? raw : null;
    }

    int length() {
        return end - start;
    }

    @Override
    public String getValue() {
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        throw quotedNotSupported();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return java.util.Arrays.copyOfRange(bytes, start, end);
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw quotedNotSupported();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        throw quotedNotSupported();
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        throw quotedNotSupported();
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        int length = end - start;
        if (offset + length > buffer.length) {
            return -1;
        }
        System.arraycopy(bytes, start, buffer, offset, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String value = getValue();
        if (offset + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, offset);
        return value.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw quotedNotSupported();
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, start, end - start);
        return end - start;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw quotedNotSupported();
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        int length = end - start;
        if (length > buffer.remaining()) {
            return -1;
        }
        buffer.put(bytes, start, length);
        return length;
    }

    private static UnsupportedOperationException quotedNotSupported() {
        return new UnsupportedOperationException("a raw JSON object is written as it is, never as a quoted string");
    }

    @Override
    public String toString() {
        return getValue();
    }
}
