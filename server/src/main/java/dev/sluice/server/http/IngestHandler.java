package dev.sluice.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.EventType;
import dev.sluice.server.collect.CollectorListener;
import dev.sluice.server.collect.IngestBudget;
import dev.sluice.server.collect.IngestException;
import dev.sluice.server.collect.RequestInfo;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;

/**
 * {@code POST /v1/track} and its siblings, {@code /v1/batch}, their one-letter short forms and
 * {@code /beacon/v1/batch}: authenticates the write key, reads the body within the limits, hands it
 * to the {@link EventIngestor} and answers 200 once the events are durable.
 *
 * <p>Thread-safe: one instance serves all requests to its endpoint.
 */
final class IngestHandler implements Handler {
    private final EventType endpointType;
    private final CollectorConfig config;
    private final EventIngestor ingestor;
    private final IngestBudget budget;
    private final Clock clock;
    private final CollectorListener listener;

    /** @param endpointType the type the endpoint implies, or {@code null} for a batch endpoint */
    IngestHandler(EventType endpointType, CollectorConfig config, EventIngestor ingestor, IngestBudget budget, Clock clock,
            CollectorListener listener) {
        this.listener = listener;
        this.endpointType = endpointType;
        this.config = config;
        this.ingestor = ingestor;
        this.budget = budget;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        Instant receivedAt = clock.instant();
        long started = System.nanoTime();
        EventSource source = null;
        int events = 1;
        try {
            String writeKey = WriteKeys.fromHeaderOrQuery(ctx.header("Authorization"), ctx.queryParam("writeKey"));
            source = writeKey == null ? null : config.sourceForWriteKey(writeKey).orElseThrow(WriteKeys::unknown);
            try (IngestBudget.Lease lease = budget.lease()) {
                byte[] body = readBody(ctx, lease);
                lease.takeSlot();
                lease.reserveParsed(body.length);
                JsonNode root = EventIngestor.parse(body);
                events = endpointType == null && root.path("batch").isArray() ? Math.max(1, root.path("batch").size()) : 1;
                if (source == null) {
                    source = sourceFromBody(root);
                }
                ingestor.ingest(source, endpointType, root, new RequestInfo(ClientAddress.of(ctx, config), receivedAt,
                        ctx.header("SentAt")));
                listener.accepted(source, endpointType == null ? root.path("batch") : root, System.nanoTime() - started);
            }
        } catch (IngestException e) {
            listener.refused(source, events, e.error(), System.nanoTime() - started);
            throw e;
        }
        ctx.status(200).contentType("text/plain; charset=utf-8").result("OK");
    }

    /**
     * Reads the body within its {@link BodyDeadline}: while it is read, the connection's idle timeout is
     * what remains of the deadline, and afterwards the connector's again, for the next request on it.
     */
    private byte[] readBody(Context ctx, IngestBudget.Lease lease) throws IOException {
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                .getConnection().getEndPoint();
        long idleTimeout = endPoint.getIdleTimeout();
        try {
            return RequestBodies.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(),
                    ctx.header("Content-Encoding"), config.limits().maxRequestBytes(), lease,
                    BodyDeadline.of(config.limits(), millis -> endPoint.setIdleTimeout(
                            idleTimeout > 0 ? Math.min(millis, idleTimeout) : millis)));
        } finally {
            endPoint.setIdleTimeout(idleTimeout);
        }
    }

    private EventSource sourceFromBody(JsonNode root) {
        JsonNode key = root.path("writeKey");
        if (!key.isTextual() || key.textValue().isBlank()) {
            throw WriteKeys.missing();
        }
        return config.sourceForWriteKey(key.textValue()).orElseThrow(WriteKeys::unknown);
    }
}
