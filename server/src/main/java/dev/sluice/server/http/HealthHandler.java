package dev.sluice.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.collect.CollectorHealth;
import dev.sluice.server.collect.EventIngestor;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 when the warehouse answers, the spool writes, the last load succeeded
 * and ingest is not refusing every request, else 503; the body shows the spool lag in bytes and
 * whether ingest is accepting either way.
 *
 * <p>Thread-safe.
 */
public final class HealthHandler implements Handler {
    private final Supplier<CollectorHealth> health;

    HealthHandler(Supplier<CollectorHealth> health) {
        this.health = health;
    }

    @Override
    public void handle(Context ctx) {
        CollectorHealth snapshot = health.get();
        ctx.status(snapshot.healthy() ? 200 : 503).contentType("application/json").result(json(snapshot).toString());
    }

    /** The body of {@code /health} for a snapshot; the server adds the served project to it. */
    public static ObjectNode json(CollectorHealth snapshot) {
        ObjectNode root = EventIngestor.mapper().createObjectNode();
        root.put("status", snapshot.healthy() ? "ok" : "unhealthy");
        root.put("warehouse", snapshot.warehouseError() == null ? "reachable" : snapshot.warehouseError());
        ObjectNode spool = root.putObject("spool");
        spool.put("durableOffset", snapshot.durableOffset());
        spool.put("loadedOffset", snapshot.loadedOffset());
        spool.put("unloadedBytes", snapshot.unloadedBytes());
        spool.put("untransformedBytes", snapshot.untransformedBytes());
        if (snapshot.lastTransformError() != null) {
            spool.put("lastTransformError", snapshot.lastTransformError());
        }
        spool.put("failed", snapshot.spoolFailed());
        root.put("bufferedBytes", snapshot.bufferedBytes());
        ObjectNode ingest = root.putObject("ingest");
        ingest.put("status", snapshot.ingest().refusing() ? "refusing" : "accepting");
        ingest.put("acceptedRequests", snapshot.ingest().acceptedRequests());
        ingest.put("refusedRequests", snapshot.ingest().refusedRequests());
        if (snapshot.ingest().lastRefusal() != null) {
            ingest.put("lastRefusal", snapshot.ingest().lastRefusal().name());
        }
        if (snapshot.lastLoadError() != null) {
            root.put("lastLoadError", snapshot.lastLoadError());
        }
        return root;
    }
}
