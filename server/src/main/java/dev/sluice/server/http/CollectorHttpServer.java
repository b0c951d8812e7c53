package dev.sluice.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorHealth;
import dev.sluice.server.collect.CollectorListener;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventType;
import dev.sluice.server.collect.IngestBudget;
import dev.sluice.server.collect.IngestError;
import dev.sluice.server.collect.IngestException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's HTTP API on Javalin: the tracking endpoints, {@code /health} and
 * {@code /sourceConfig}. The only class that configures Javalin.
 *
 * <p>Thread-safe: {@link #start} once, {@link #close} once; requests run on Jetty's thread pool.
 */
public final class CollectorHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorHttpServer.class);
    private static final int ACCEPT_QUEUE = 4096;

    private final Javalin app;

    private CollectorHttpServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts listening.
     *
     * @param port 0 for any free port; see {@link #port()}
     */
    public static CollectorHttpServer start(String host, int port, CollectorConfig config, EventIngestor ingestor,
            IngestBudget budget, Supplier<CollectorHealth> health, Clock clock) {
        return start(host, port, config, ingestor, budget, health, clock, List.of(), CollectorListener.NONE);
    }

    /**
     * @param routes more endpoints on the same port (the admin API, the console, {@code /metrics})
     * @param listener hears accepted and refused requests, for metrics and the live event view
     */
    public static CollectorHttpServer start(String host, int port, CollectorConfig config, EventIngestor ingestor,
            IngestBudget budget, Supplier<CollectorHealth> health, Clock clock, List<Route> routes,
            CollectorListener listener) {
        Javalin app = Javalin.create(cfg -> {
            cfg.jetty.addConnector((server, http) -> connector(server, http, host, port));
            configure(cfg, config, ingestor, budget, health, clock, listener);
            // A route for /health replaces the collector's own (the server adds the served project to it).
            if (routes.stream().noneMatch(route -> route.method().equals("GET") && route.path().equals("/health"))) {
                cfg.routes.get("/health", new HealthHandler(health));
            }
            routes.forEach(route -> mount(cfg, route));
        });
        app.start(host, port);
        return new CollectorHttpServer(app);
    }

    /**
     * Jetty's default connector asks the kernel for an accept queue of 50 connections (Java's
     * default backlog). SDKs open a connection per request in flight, so a burst of new connections
     * overflows it; Linux then drops the handshake's last packet and the client waits for
     * retransmissions or sees the connection fail without an answer. The queue is sized like
     * Linux's own default cap ({@code net.core.somaxconn}, 4096), which caps it in turn.
     */
    private static ServerConnector connector(Server server, HttpConfiguration http, String host, int port) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        return connector;
    }

    private static void mount(JavalinConfig cfg, Route route) {
        Handler handler = ctx -> {
            Request request = new Request(ctx.path(), ctx.pathParamMap(), ctx.queryParamMap(), ctx::header,
                    ctx.cookieMap(), ctx.bodyAsBytes(), ctx.ip());
            Reply reply = route.handler().handle(request);
            reply.headers().forEach(ctx::header);
            ctx.status(reply.status()).contentType(reply.contentType());
            if (reply.streamed() != null) {
                // Jetty's own stream: each flush goes out as a chunk (Javalin's result would wait for the end).
                try (java.io.OutputStream body = ctx.res().getOutputStream()) {
                    reply.streamed().write(body);
                }
            } else {
                ctx.result(reply.body());
            }
        };
        if (route.method().equals("GET")) {
            cfg.routes.get(route.path(), handler);
        } else {
            cfg.routes.post(route.path(), handler);
        }
    }

    private static void configure(JavalinConfig cfg, CollectorConfig config, EventIngestor ingestor, IngestBudget budget,
            Supplier<CollectorHealth> health, Clock clock, CollectorListener listener) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.router.ignoreTrailingSlashes = true;
        cfg.routes.before(Cors::addHeaders);
        cfg.routes.options("/*", Cors::preflight);
        for (EventType type : EventType.values()) {
            IngestHandler handler = new IngestHandler(type, config, ingestor, budget, clock, listener);
            cfg.routes.post("/v1/" + type.wireName(), handler);
            if (type.shortPath() != null) {
                cfg.routes.post("/v1/" + type.shortPath(), handler);
            }
        }
        IngestHandler batch = new IngestHandler(null, config, ingestor, budget, clock, listener);
        cfg.routes.post("/v1/batch", batch);
        cfg.routes.post("/v1/b", batch);
        cfg.routes.post("/v1/import", batch); // RudderStack's endpoint for historical data takes a batch
        cfg.routes.post("/beacon/v1/batch", batch);
        cfg.routes.get("/pixel/v1/track", new PixelHandler(EventType.TRACK, config, ingestor, clock, listener));
        cfg.routes.get("/pixel/v1/page", new PixelHandler(EventType.PAGE, config, ingestor, clock, listener));
        cfg.routes.get("/sourceConfig", new SourceConfigHandler(config));
        long maxDrainBytes = 4L * config.limits().maxRequestBytes();
        cfg.routes.exception(IngestException.class, (exception, ctx) -> refuse(exception, ctx, maxDrainBytes));
        cfg.routes.exception(EndpointNotFound.class, (exception, ctx) -> notFound(ctx));
        // A path served with other methods answers 405 with them. Every path answers OPTIONS (the CORS preflight), so a
        // path that answers nothing else is not an endpoint: 404.
        cfg.http.prefer405over404 = true;
        cfg.routes.exception(MethodNotAllowedResponse.class, (exception, ctx) -> {
            // Javalin's one detail lists the path's methods, under a key that depends on the request's Accept.
            List<String> methods = exception.getDetails().values().stream()
                    .flatMap(listed -> Arrays.stream(listed.split(","))).map(String::trim)
                    .filter(method -> !method.isEmpty() && !method.equals("OPTIONS")).toList();
            if (methods.isEmpty()) {
                notFound(ctx);
                return;
            }
            ctx.header("Allow", String.join(", ", methods) + ", OPTIONS");
            error(ctx, 405, "METHOD_NOT_ALLOWED", ctx.path() + " answers " + String.join(", ", methods) + ", not "
                    + ctx.method());
        });
        cfg.routes.exception(Exception.class, (exception, ctx) -> {
            String incident = java.util.UUID.randomUUID().toString();
            LOG.error("{} {} failed (incident {})", ctx.method(), ctx.path(), incident, exception);
            // The exception's class and text are for the operator's log, not for clients.
            error(ctx, 500, "INTERNAL", "the collector failed to handle the request; its log has the details under"
                    + " incident " + incident);
        });
    }

    /**
     * Answers with the refusal's status. The unread rest of the body (a 401 or an early 413 leaves
     * it unread) is read and dropped first, up to {@code maxDrainBytes}: a server that closes the
     * connection while the client is still sending makes most clients see a broken pipe instead of
     * the answer, and SDKs retry a broken pipe forever. A body that timed out is not drained (its client is
     * too slow to wait for): the answer closes the connection instead.
     */
    private static void refuse(IngestException exception, Context ctx, long maxDrainBytes) {
        if (exception.error() == IngestError.REQUEST_TIMEOUT) {
            ctx.header("Connection", "close");
        } else {
            drain(ctx, maxDrainBytes);
        }
        error(ctx, exception.error().httpStatus(), exception.error().name(), exception.getMessage());
        if (exception.error().httpStatus() == 429 || exception.error().httpStatus() == 503) {
            ctx.header("Retry-After", "1");
        }
    }

    private static void drain(Context ctx, long maxBytes) {
        byte[] buffer = new byte[16 * 1024];
        long drained = 0;
        try (InputStream body = ctx.req().getInputStream()) {
            int read;
            while (drained < maxBytes && (read = body.read(buffer)) >= 0) {
                drained += read;
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the body cannot be read: nothing left to protect.
        }
    }

    private static void notFound(Context ctx) {
        error(ctx, 404, "NOT_FOUND", "no endpoint " + ctx.method() + " " + ctx.path() + "; events go to POST /v1/<type>"
                + " or /v1/batch, and the admin API is described at /api/openapi.json");
    }

    private static void error(Context ctx, int status, String code, String message) {
        ObjectNode body = EventIngestor.mapper().createObjectNode();
        body.put("error", code);
        body.put("message", message);
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    public int port() {
        return app.port();
    }

    /** Stops the server (Jetty's stop); a request whose events were spooled but not yet answered is loaded anyway. */
    @Override
    public void close() {
        app.stop();
    }
}
