package dev.sluice.server;

import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorHealth;
import dev.sluice.server.collect.CollectorListener;
import dev.sluice.server.http.Route;
import java.util.List;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.collect.EventSource;
import dev.sluice.server.collect.IngestActivity;
import dev.sluice.server.collect.IngestBudget;
import dev.sluice.server.collect.SourceTransformer;
import dev.sluice.server.collect.TransformProcessor;
import dev.sluice.server.http.CollectorHttpServer;
import dev.sluice.server.load.EventLoader;
import dev.sluice.server.load.LoadListener;
import dev.sluice.server.load.LoadResult;
import dev.sluice.server.realtime.RealtimeDestinations;
import dev.sluice.server.spool.Spool;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The running collector: the HTTP API, the spool it writes before answering, and the loader that
 * moves spooled events into the warehouse. {@code sluice serve} and the tests start it the same way.
 *
 * <p>Thread-safe. Closing stops the HTTP server, writes what the spool
 * has queued, loads everything into the warehouse and closes the spool; the warehouse stays open,
 * it belongs to the caller.
 */
public final class CollectorService implements AutoCloseable {
    private static final java.time.Duration STALLED = java.time.Duration.ofMinutes(1);
    private final Warehouse warehouse;
    private final Spool spool;
    private final EventLoader loader;
    private final IngestBudget budget;
    private final IngestActivity activity;
    private final CollectorHttpServer http;
    private final RealtimeDestinations destinations;
    private final TransformProcessor processor;
    private boolean closed;
    private boolean httpStopped;

    private CollectorService(Warehouse warehouse, Spool spool, EventLoader loader, IngestBudget budget,
            IngestActivity activity, CollectorHttpServer http, RealtimeDestinations destinations,
            TransformProcessor processor) {
        this.destinations = destinations;
        this.processor = processor;
        this.warehouse = warehouse;
        this.activity = activity;
        this.budget = budget;
        this.spool = spool;
        this.loader = loader;
        this.http = http;
    }

    /**
     * Opens the spool (replaying what the warehouse lacks on the first load), prepares the events
     * tables and starts listening on {@code host}:{@link CollectorConfig#port()}.
     */
    public static CollectorService start(Warehouse warehouse, CollectorConfig config, String host, Clock clock) {
        return start(warehouse, config, host, clock, List.of(), CollectorListener.NONE);
    }

    /**
     * @param routes more endpoints served on the same port (admin API, console, metrics)
     * @param listener hears every answered tracking request
     */
    public static CollectorService start(Warehouse warehouse, CollectorConfig config, String host, Clock clock,
            List<Route> routes, CollectorListener listener) {
        return start(warehouse, config, host, clock, routes, listener, LoadListener.NONE);
    }

    /** @param loads hears every load into the warehouse, the first one (replaying the spool) included */
    public static CollectorService start(Warehouse warehouse, CollectorConfig config, String host, Clock clock,
            List<Route> routes, CollectorListener listener, LoadListener loads) {
        return start(warehouse, config, host, clock, routes, listener, loads, SourceTransformer.NONE);
    }

    /** @param transformer runs each source's transformations on its spooled requests, after the answer */
    public static CollectorService start(Warehouse warehouse, CollectorConfig config, String host, Clock clock,
            List<Route> routes, CollectorListener listener, LoadListener loads, SourceTransformer transformer) {
        return start(warehouse, config, host, clock, routes, listener, loads, transformer, RealtimeDestinations.NONE);
    }

    /**
     * @param destinations follow the spool from before the first load (so that the loader keeps what they
     *     have not delivered) and deliver once the collector listens; closed with the collector
     */
    public static CollectorService start(Warehouse warehouse, CollectorConfig config, String host, Clock clock,
            List<Route> routes, CollectorListener listener, LoadListener loads, SourceTransformer transformer,
            RealtimeDestinations destinations) {
        Spool spool = Spool.open(config.spoolDirectory(), Spool.DEFAULT_SEGMENT_BYTES);
        TransformProcessor processor = null;
        try {
            destinations.attach(spool);
            processor = TransformProcessor.open(spool, transformer, Runtime.getRuntime().availableProcessors());
            TransformProcessor transforming = processor;
            Set<String> schemas = config.sources().stream().map(EventSource::schema)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            EventLoader loader = EventLoader.open(warehouse, spool, schemas, clock);
            loader.listen(loads);
            if (processor != null) {
                // What was received before a crash and not yet transformed is transformed before the first load.
                processor.start();
                awaitTransformed(processor);
            }
            loader.loadAvailable();
            EventIngestor ingestor = new EventIngestor(config.limits(), spool,
                    () -> spool.durableOffset() - loader.loadedOffset() + backlog(transforming), processor);
            IngestBudget budget = new IngestBudget(config.limits().maxBufferedBytes(),
                    config.limits().maxConcurrentRequests());
            IngestActivity activity = new IngestActivity();
            CollectorHttpServer http = CollectorHttpServer.start(host, config.port(), config, ingestor, budget,
                    () -> health(warehouse, spool, loader, budget, activity, transforming), clock, routes,
                    CollectorListener.all(List.of(activity, listener)));
            loader.start(config.loadInterval());
            destinations.start();
            return new CollectorService(warehouse, spool, loader, budget, activity, http, destinations, processor);
        } catch (RuntimeException e) {
            destinations.close();
            if (processor != null) {
                processor.close();
            }
            spool.close();
            throw e;
        }
    }

    private static long backlog(TransformProcessor processor) {
        return processor == null ? 0 : processor.backlogBytes();
    }

    /** Waits for the processor to transform what is received, unless it makes no progress for a minute. */
    private static void awaitTransformed(TransformProcessor processor) {
        try {
            processor.awaitTransformed(STALLED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The port the HTTP API listens on (useful after starting on port 0). */
    public int port() {
        return http.port();
    }

    /**
     * Loads everything spooled so far into the warehouse now, instead of waiting for the interval; requests of
     * sources with transformations are transformed first (unless the transformations make no progress for a
     * minute).
     */
    public LoadResult loadNow() {
        if (processor != null) {
            awaitTransformed(processor);
        }
        return loader.loadAvailable();
    }

    /** Spooled bytes not yet in the warehouse (received and not yet transformed included); from memory. */
    public long unloadedBytes() {
        return Math.max(0, spool.durableOffset() - loader.loadedOffset()) + backlog(processor);
    }

    /** Received bytes of requests not yet transformed; from memory. */
    public long untransformedBytes() {
        return backlog(processor);
    }

    /** Asks the warehouse a trivial query; the rest comes from memory. */
    public CollectorHealth health() {
        return health(warehouse, spool, loader, budget, activity, processor);
    }

    private static CollectorHealth health(Warehouse warehouse, Spool spool, EventLoader loader, IngestBudget budget,
            IngestActivity activity, TransformProcessor processor) {
        String warehouseError = null;
        try (WarehouseSession session = warehouse.openSession(); WarehouseCursor cursor = session.query("SELECT 1")) {
            cursor.next();
        } catch (RuntimeException e) {
            warehouseError = "unreachable: " + e.getMessage();
        }
        return new CollectorHealth(warehouseError, spool.durableOffset(), loader.loadedOffset(), spool.failed(),
                loader.lastError(), budget.reservedBytes(), activity.state(), backlog(processor),
                processor == null ? null : processor.lastError());
    }

    /** Stops the HTTP server: no new requests. The spool and the loader keep going until {@link #close}. */
    public synchronized void stopAccepting() {
        if (!httpStopped) {
            httpStopped = true;
            http.close();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopAccepting();
            if (processor != null) {
                processor.close(); // transforms what was received, before the destinations drain and the last load
            }
            destinations.close();
        } finally {
            try {
                loader.close();
            } finally {
                spool.close();
            }
        }
    }
}
