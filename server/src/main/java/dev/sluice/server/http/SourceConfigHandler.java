package dev.sluice.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventSource;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /sourceConfig}: the RudderStack source-config document for the request's write key,
 * so that the browser SDK loaded with {@code configUrl} pointing at Sluice needs no RudderStack
 * control plane. Sluice has no device-mode destinations: {@code destinations} is empty.
 *
 * <p>Thread-safe.
 */
final class SourceConfigHandler implements Handler {
    static final String WORKSPACE_ID = "sluice";

    private final CollectorConfig config;

    SourceConfigHandler(CollectorConfig config) {
        this.config = config;
    }

    @Override
    public void handle(Context ctx) {
        EventSource source = WriteKeys.requireSource(ctx, config);
        ObjectNode root = EventIngestor.mapper().createObjectNode();
        root.put("isHosted", false);
        ObjectNode node = root.putObject("source");
        node.put("id", source.name());
        node.put("name", source.name());
        node.put("writeKey", source.writeKey());
        node.put("enabled", true);
        node.put("workspaceId", WORKSPACE_ID);
        node.putObject("config");
        node.putArray("destinations");
        ctx.status(200).contentType("application/json").result(root.toString());
    }
}
