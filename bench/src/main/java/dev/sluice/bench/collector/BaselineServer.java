package dev.sluice.bench.collector;

import dev.sluice.server.collect.EventIngestor;
import io.javalin.Javalin;

/**
 * The baseline the collector is compared with: Javalin configured as the collector configures it,
 * {@code POST /v1/batch} reading the body and parsing it with the collector's own JSON parser
 * ({@link EventIngestor#parse}), then answering 200. No write key, no validation, no enrichment,
 * no spool: the cost of HTTP and JSON alone.
 *
 * <p>Thread-safe: start once, stop once.
 */
final class BaselineServer implements AutoCloseable {
    private final Javalin app;

    private BaselineServer(Javalin app) {
        this.app = app;
    }

    static BaselineServer start(String host) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.routes.post("/v1/batch", ctx -> {
                EventIngestor.parse(ctx.req().getInputStream().readAllBytes());
                ctx.status(200).contentType("text/plain; charset=utf-8").result("OK");
            });
        });
        app.start(host, 0);
        return new BaselineServer(app);
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
