package dev.sluice.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * {@code --log-format json} ({@code SLUICE_LOG_FORMAT=json}): one JSON object per line for log shippers,
 * {@code {"timestamp": "2026-12-06T09:21:16.810Z", "level": "INFO", "loggerName": "...", "thread": "...",
 * "formattedMessage": "...", "throwable": "java.lang...\n\tat ..."}}, the timestamp ISO-8601 UTC and the stack
 * trace (when there is one) a single string. Named in {@code logback.xml}.
 *
 * <p>Thread-safe: stateless; logback calls it under the appender's lock anyway.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        IThrowableProxy throwable = event.getThrowableProxy();
        return line(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(), event.getLoggerName(),
                event.getThreadName(), event.getFormattedMessage(),
                throwable == null ? null : ThrowableProxyUtil.asString(throwable));
    }

    /** One log line as JSON, ending in a newline; {@code throwable} {@code null} when there is none. */
    static byte[] line(Instant timestamp, String level, String loggerName, String thread, String message,
            String throwable) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("timestamp", timestamp.toString());
            json.writeStringField("level", level);
            json.writeStringField("loggerName", loggerName);
            json.writeStringField("thread", thread);
            json.writeStringField("formattedMessage", message);
            if (throwable != null) {
                json.writeStringField("throwable", throwable);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
