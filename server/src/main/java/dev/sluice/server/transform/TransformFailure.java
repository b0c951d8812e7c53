package dev.sluice.server.transform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An event a transformation failed on, or dropped on purpose, as it is kept in
 * {@code sluice.transformation_failures}. Immutable.
 *
 * @param target where the event came from and was going
 * @param error {@code null} when the transformation dropped the event on purpose
 * @param event the event as the transformation received it, JSON text
 */
public record TransformFailure(TransformTarget target, String transformation, String version, String messageId,
        TransformError error, String event) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public TransformFailure {
        requireNonNull(target, "target is null");
        requireNonNull(transformation, "transformation is null");
        requireNonNull(version, "version is null");
        requireNonNull(event, "event is null");
    }

    public boolean dropped() {
        return error == null;
    }

    /**
     * {@code {"source", "destination", "transformation", "version", "message_id", "outcome", "error_kind",
     * "error", "event": {...}}}, the event written as it came; read back by {@link TransformationFailures}.
     */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(event.length() + 256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("source", target.sourceName());
            json.writeStringField("destination", target.destinationName());
            json.writeStringField("transformation", transformation);
            json.writeStringField("version", version);
            json.writeStringField("message_id", messageId);
            json.writeStringField("outcome", dropped() ? "dropped" : "failed");
            json.writeStringField("error_kind", error == null ? null : error.kind().name().toLowerCase(java.util.Locale.ROOT));
            json.writeStringField("error", error == null ? null : error.withStack());
            json.writeFieldName("event");
            json.writeRawValue(event);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return transformation + " " + (dropped() ? "dropped " : "failed on ") + messageId
                + (error == null ? "" : ": " + error.message());
    }

    static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
