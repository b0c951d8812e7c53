package dev.sluice.server.realtime;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.template.PayloadTemplates;
import dev.sluice.server.spool.Spool;
import dev.sluice.server.transform.Transformations;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.Destinations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's real-time destinations ({@code collector.destinations}): each follows the spool with
 * its own durable position (see {@link DestinationWorker}), and the spool keeps every record until each
 * destination is past it. Made before the collector starts; {@link #attach} when the spool is open,
 * {@link #start} once the collector listens, {@link #close} before the spool closes.
 *
 * <p>Thread-safe.
 */
public final class RealtimeDestinations implements AutoCloseable {
    /** None configured: attaching and starting do nothing. */
    public static final RealtimeDestinations NONE = new RealtimeDestinations(List.of(), null, null, null,
            DeliveryObserver.NONE, Clock.systemUTC(), Duration.ZERO);
    private static final long STALLED_NANOS = Duration.ofSeconds(1).toNanos();
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeDestinations.class);

    private final List<DestinationConfig> configs;
    private final DeliveryObserver observer;
    private final Clock clock;
    private final Duration drain;
    private final Map<String, DestinationWorker> workers = new LinkedHashMap<>();
    private final Map<String, EventMapper> mappers = new LinkedHashMap<>();
    private final Map<String, EventTransformer> transformers = new LinkedHashMap<>();
    private boolean closed;

    /**
     * Checks every destination now: its connector and settings, its templates and its transformations, so
     * that a mistake stops {@code sluice serve} at start with the field that is wrong.
     *
     * @param transformations the project's; run on events of destinations that bind some
     * @param warehouse where transformation failures are written
     * @param templates the project's payload templates
     * @param drain how long {@link #close} waits for the destinations to deliver what is spooled
     * @throws SluiceException naming the field in {@code sluice.yml}
     */
    public RealtimeDestinations(List<DestinationConfig> configs, Transformations transformations, Warehouse warehouse,
            PayloadTemplates templates, DeliveryObserver observer, Clock clock, Duration drain) {
        this.configs = List.copyOf(configs);
        this.observer = observer;
        this.clock = clock;
        this.drain = drain;
        for (DestinationConfig config : this.configs) {
            Destination probe = open(config);
            try {
                DestinationOperation operation = probe.capabilities().operations().contains(DestinationOperation.UPSERT)
                        ? DestinationOperation.UPSERT : DestinationOperation.INSERT;
                mappers.put(config.name(), new EventMapper(config, templates, operation));
            } finally {
                probe.close();
            }
            transformers.put(config.name(), new EventTransformer(config, transformations, warehouse, clock));
        }
    }

    /** The destinations, in {@code sluice.yml} order. */
    public List<DestinationConfig> configs() {
        return configs;
    }

    /**
     * Opens each destination's queue on {@code spool} (its position, or the spool's end for a new one) and
     * makes the spool keep what a destination has not delivered. Call once, before the loader first trims.
     */
    public synchronized void attach(Spool spool) {
        for (DestinationConfig config : configs) {
            workers.put(config.name(), new DestinationWorker(config, spool, new DestinationStore(spool.directory(),
                    config.name()), open(config), mappers.get(config.name()), transformers.get(config.name()), observer,
                    clock));
        }
        List<DestinationWorker> all = List.copyOf(workers.values());
        if (!all.isEmpty()) {
            spool.retainFrom(() -> all.stream().mapToLong(DestinationWorker::position).min().orElse(Long.MAX_VALUE));
        }
    }

    /** Starts delivering. */
    public synchronized void start() {
        workers.values().forEach(DestinationWorker::start);
        if (!workers.isEmpty()) {
            LOG.info("delivering events to {} real-time destinations: {}", workers.size(), String.join(", ",
                    workers.keySet()));
        }
    }

    /** Each destination's queue and counts, in {@code sluice.yml} order. */
    public synchronized List<DestinationStatus> statuses() {
        return workers.values().stream().map(DestinationWorker::status).toList();
    }

    public synchronized Optional<DestinationStatus> status(String name) {
        return Optional.ofNullable(workers.get(name)).map(DestinationWorker::status);
    }

    /** The destination's dead letters, oldest first; empty when there is no such destination. */
    public synchronized List<DeadLetter> deadLetters(String name) {
        DestinationWorker worker = workers.get(name);
        return worker == null ? List.of() : worker.deadLetters();
    }

    /**
     * Queues the dead letters with these message ids (all when empty) for delivery again; the destination
     * takes the request within a second.
     *
     * @return how many dead letters the request selects now, or -1 when there is no such destination
     */
    public synchronized int replay(String name, Set<String> messageIds) {
        DestinationWorker worker = workers.get(name);
        if (worker == null) {
            return -1;
        }
        int selected = (int) worker.deadLetters().stream().filter(letter -> messageIds.isEmpty()
                || messageIds.contains(letter.messageId())).count();
        worker.store().requestReplay(messageIds);
        return selected;
    }

    /**
     * Gives the destinations up to the drain time to deliver what is spooled (less when none of them made
     * progress for a second), then stops them; what they did not deliver is delivered after the next
     * start. Idempotent.
     */
    @Override
    public void close() {
        List<DestinationWorker> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(workers.values());
        }
        long deadline = System.nanoTime() + drain.toNanos();
        long positions = positions(running);
        long progressed = System.nanoTime();
        // A destination that is down makes no progress: stop waiting for it after a second without any.
        while (System.nanoTime() < deadline && System.nanoTime() - progressed < STALLED_NANOS
                && !running.stream().allMatch(DestinationWorker::drained)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = positions(running);
            if (now != positions) {
                positions = now;
                progressed = System.nanoTime();
            }
        }
        running.forEach(worker -> worker.close(Duration.ofSeconds(1)));
    }

    private static long positions(List<DestinationWorker> workers) {
        return workers.stream().mapToLong(DestinationWorker::position).sum();
    }

    private static Destination open(DestinationConfig config) {
        try {
            return Destinations.open(config.type(), config.settings());
        } catch (DestinationException e) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "sluice.yml: " + config.where("settings") + ": "
                    + new SettingSecrets(config).redact(e.getMessage()));
        }
    }
}
