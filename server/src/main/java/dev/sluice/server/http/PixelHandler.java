package dev.sluice.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorListener;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.EventType;
import dev.sluice.server.collect.IngestException;
import dev.sluice.server.collect.RequestInfo;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /pixel/v1/track} and {@code /pixel/v1/page}: an event from the query string, for
 * places that can only load an image (emails). {@code properties.plan=pro} becomes
 * {@code {"properties": {"plan": "pro"}}}; the write key comes as {@code writeKey}. Answers with a
 * transparent 1x1 GIF.
 *
 * <p>Thread-safe.
 */
final class PixelHandler implements Handler {
    private static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final int MAX_DEPTH = 4;

    private final EventType type;
    private final CollectorConfig config;
    private final EventIngestor ingestor;
    private final Clock clock;
    private final CollectorListener listener;

    PixelHandler(EventType type, CollectorConfig config, EventIngestor ingestor, Clock clock,
            CollectorListener listener) {
        this.type = type;
        this.config = config;
        this.ingestor = ingestor;
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    public void handle(Context ctx) {
        long started = System.nanoTime();
        EventSource source = WriteKeys.requireSource(ctx, config);
        ObjectNode event = EventIngestor.mapper().createObjectNode();
        for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
            if (!parameter.getKey().equals("writeKey") && !parameter.getValue().isEmpty()) {
                put(event, parameter.getKey().split("\\.", MAX_DEPTH), parameter.getValue().get(0));
            }
        }
        try {
            ingestor.ingest(source, type, event, new RequestInfo(ClientAddress.of(ctx, config), clock.instant(), null));
        } catch (IngestException e) {
            listener.refused(source, 1, e.error(), System.nanoTime() - started);
            throw e;
        }
        // Counted like any accepted event: metrics, the console's live events.
        listener.accepted(source, event, System.nanoTime() - started);
        ctx.status(200).contentType("image/gif").result(GIF);
    }

    private static void put(ObjectNode event, String[] path, String value) {
        ObjectNode node = event;
        for (int index = 0; index < path.length - 1; index++) {
            node = node.get(path[index]) instanceof ObjectNode child ? child : node.putObject(path[index]);
        }
        node.put(path[path.length - 1], value);
    }
}
