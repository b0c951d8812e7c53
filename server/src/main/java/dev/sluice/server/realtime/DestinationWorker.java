package dev.sluice.server.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.server.collect.EventIngestor;
import dev.sluice.server.spool.Spool;
import dev.sluice.server.spool.SpoolRecord;
import dev.sluice.spi.destination.Destination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One destination's delivery: a thread that reads the spool from the destination's position, about
 * {@link #READ_BYTES} at a time, keeps the events its {@code integrations} allow, runs them through
 * the destination's transformations and payload templates, delivers them over {@code lanes}
 * concurrent lanes (the events of one user id, or anonymous id, always in one lane, in order), writes
 * the batch's dead letters, and only then records the position after the batch. Between batches it
 * takes replay requests and delivers the replayed dead letters.
 *
 * <p>Thread-safe: the worker's thread owns the batch; {@link #position()} and {@link #status} may be read
 * from any thread.
 */
final class DestinationWorker {
    static final long READ_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(DestinationWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long IDLE_MILLIS = 5;
    private static final long REPLAY_CHECK_MILLIS = 250;
    private static final long ERROR_PAUSE_MILLIS = 1000;

    private final DestinationConfig config;
    private final Spool spool;
    private final DestinationStore store;
    private final Destination destination;
    private final EventMapper mapper;
    private final EventTransformer transformer;
    private final DeliveryObserver observer;
    private final Clock clock;
    private final RecentFailures recent = new RecentFailures();
    private final LaneSender sender;
    private final ExecutorService lanes;
    private volatile QueuePosition position;
    private volatile int inFlight;
    private volatile long deadLetterCount;
    private volatile boolean stopping;
    private Thread thread;

    DestinationWorker(DestinationConfig config, Spool spool, DestinationStore store, Destination destination,
            EventMapper mapper, EventTransformer transformer, DeliveryObserver observer, Clock clock) {
        this.config = config;
        this.spool = spool;
        this.store = store;
        this.destination = destination;
        this.mapper = mapper;
        this.transformer = transformer;
        this.observer = observer;
        this.clock = clock;
        this.sender = new LaneSender(config, destination, observer, new SettingSecrets(config), recent, clock);
        this.position = startingPosition(config, spool, store);
        this.deadLetterCount = store.deadLetters().size();
        store.writePosition(position);
        this.lanes = Executors.newFixedThreadPool(config.lanes(), runnable -> {
            Thread lane = new Thread(runnable, "sluice-destination-" + config.name() + "-lane");
            lane.setDaemon(true);
            return lane;
        });
    }

    /**
     * Where the destination resumes: its recorded position, or the spool's end for a destination new to
     * this spool (it receives the events accepted from now on).
     */
    private static QueuePosition startingPosition(DestinationConfig config, Spool spool, DestinationStore store) {
        QueuePosition recorded = store.position().orElse(null);
        if (recorded == null || !recorded.spoolId().equals(spool.id())) {
            return new QueuePosition(spool.id(), spool.durableOffset(), 0, 0, 0, 0);
        }
        if (recorded.offset() < spool.startOffset()) {
            LOG.warn("destination {}: its position {} is before the spool's first record {}; events in between were"
                    + " trimmed and are not delivered", config.name(), recorded.offset(), spool.startOffset());
            return recorded.advance(spool.startOffset(), 0, 0, 0, 0);
        }
        if (recorded.offset() > spool.durableOffset()) {
            LOG.warn("destination {}: its position {} is past the spool's end {}; resuming at the end", config.name(),
                    recorded.offset(), spool.durableOffset());
            return recorded.advance(spool.durableOffset(), 0, 0, 0, 0);
        }
        return recorded;
    }

    DestinationConfig config() {
        return config;
    }

    /** The spool offset of the next record to deliver; the spool keeps everything from here on. */
    long position() {
        return position.offset();
    }

    void start() {
        thread = new Thread(this::run, "sluice-destination-" + config.name());
        thread.setDaemon(true);
        thread.start();
    }

    DestinationStatus status() {
        QueuePosition current = position;
        return new DestinationStatus(config.name(), config.type(), Math.max(0, spool.durableOffset() - current.offset()),
                inFlight, current.delivered(), current.retried(), current.failed(), current.filtered(), deadLetterCount,
                recent.list());
    }

    DestinationStore store() {
        return store;
    }

    List<DeadLetter> deadLetters() {
        return store.deadLetters();
    }

    /** Whether everything spooled so far has been delivered (or dead-lettered) and no replay waits. */
    boolean drained() {
        return position.offset() >= spool.durableOffset() && store.replayRequests().isEmpty();
    }

    /**
     * Stops after the batch being delivered, waiting at most {@code grace} for it; a batch cut short is
     * delivered again after the restart.
     */
    void close(Duration grace) {
        stopping = true;
        if (thread != null) {
            try {
                thread.join(grace.toMillis());
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lanes.shutdownNow();
        destination.close();
    }

    private void run() {
        long lastReplayCheck = 0;
        while (!stopping) {
            try {
                if (System.currentTimeMillis() - lastReplayCheck >= REPLAY_CHECK_MILLIS) {
                    lastReplayCheck = System.currentTimeMillis();
                    replay();
                }
                if (position.offset() >= spool.durableOffset()) {
                    Thread.sleep(IDLE_MILLIS);
                    continue;
                }
                List<SpoolRecord> records = spool.read(position.offset(), READ_BYTES);
                if (!records.isEmpty()) {
                    deliver(records);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("destination {}: delivering from spool offset {} failed; trying again", config.name(),
                        position.offset(), e);
                try {
                    Thread.sleep(ERROR_PAUSE_MILLIS);
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    /** One batch of spool records: filtered, transformed, mapped, delivered; then the position moves past it. */
    private void deliver(List<SpoolRecord> records) throws InterruptedException {
        Map<String, List<EventTransformer.Input>> byUser = new LinkedHashMap<>();
        long filtered = 0;
        for (SpoolRecord record : records) {
            JsonNode parsed;
            try {
                parsed = JSON.readTree(record.payload());
            } catch (IOException e) {
                LOG.error("destination {}: spool record at offset {} is not JSON; the loader keeps it as a dead letter",
                        config.name(), record.offset());
                continue;
            }
            String source = parsed.path(EventIngestor.RECORD_SOURCE).asText(null);
            for (JsonNode event : parsed.path(EventIngestor.RECORD_EVENTS)) {
                if (!Integrations.allows(event.get("integrations"), config.name(), config.type())) {
                    filtered++;
                    continue;
                }
                String user = laneKey(event);
                byUser.computeIfAbsent(user, key -> new ArrayList<>()).add(new EventTransformer.Input(source,
                        event.toString().getBytes(StandardCharsets.UTF_8), text(event, "messageId")));
            }
        }
        Instant now = clock.instant();
        List<Map<String, List<EventTransformer.Input>>> usersByLane = new ArrayList<>();
        for (int lane = 0; lane < config.lanes(); lane++) {
            usersByLane.add(new LinkedHashMap<>());
        }
        byUser.forEach((user, inputs) -> usersByLane.get(lane(user)).put(user, inputs));
        // Each lane transforms and maps its own users' events, all lanes at once; the transformation
        // failures are stored before anything of the batch is sent: if that fails, the batch is tried
        // again whole, and nothing was delivered twice.
        List<Prepared> prepared = inLanes(usersByLane, users -> prepare(users, now));
        List<List<Outgoing>> laneLists = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<dev.sluice.server.transform.TransformFailure> failures = new ArrayList<>();
        int events = 0;
        for (Prepared lane : prepared) {
            laneLists.add(lane.outgoing());
            deadLetters.addAll(lane.deadLetters());
            failures.addAll(lane.failures());
            filtered += lane.filtered();
            events += lane.outgoing().size();
        }
        transformer.write(failures);
        if (!deadLetters.isEmpty()) {
            observer.settled(config, DeliveryObserver.Outcome.FAILED, deadLetters.size());
        }
        observer.settled(config, DeliveryObserver.Outcome.FILTERED, (int) filtered);
        LaneSender.Result result = sendLanes(laneLists, events);
        deadLetters.addAll(result.deadLetters());
        commit(records.get(records.size() - 1).endOffset(), result, deadLetters, filtered);
    }

    /** One lane's events, transformed and mapped. */
    private record Prepared(List<Outgoing> outgoing, List<DeadLetter> deadLetters,
            List<dev.sluice.server.transform.TransformFailure> failures, long filtered) {}

    private Prepared prepare(Map<String, List<EventTransformer.Input>> users, Instant now) {
        EventTransformer.Result transformed = transformer.transform(users);
        List<Outgoing> outgoing = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        long filtered = 0;
        for (Map.Entry<String, List<byte[]>> user : transformed.byUser().entrySet()) {
            for (byte[] event : user.getValue()) {
                EventMapper.Mapped mapped = mapper.map(event, user.getKey(), now);
                if (mapped.outgoing() != null) {
                    outgoing.add(mapped.outgoing());
                } else if (mapped.deadLetter() != null) {
                    deadLetters.add(mapped.deadLetter());
                } else {
                    filtered++;
                }
            }
        }
        return new Prepared(outgoing, deadLetters, transformed.failures(), filtered);
    }

    private int lane(String user) {
        return Math.floorMod(user.hashCode(), config.lanes());
    }

    /** Runs {@code work} on each lane's input on the lane threads, and waits for all of them. */
    private <I, O> List<O> inLanes(List<I> inputs, java.util.function.Function<I, O> work) throws InterruptedException {
        List<Future<O>> futures = new ArrayList<>();
        try {
            for (I input : inputs) {
                futures.add(lanes.submit(() -> work.apply(input)));
            }
            List<O> outputs = new ArrayList<>();
            for (Future<O> future : futures) {
                outputs.add(future.get());
            }
            return outputs;
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Replay requests become the replay queue; the queue is delivered, then emptied. */
    private void replay() throws InterruptedException {
        for (DestinationStore.ReplayRequest request : store.replayRequests()) {
            int taken = store.takeForReplay(request::selects);
            request.done();
            deadLetterCount = store.deadLetters().size();
            LOG.info("destination {}: {} dead letters queued for replay", config.name(), taken);
        }
        List<DeadLetter> queue = store.replayQueue();
        if (queue.isEmpty()) {
            return;
        }
        List<List<Outgoing>> laneLists = new ArrayList<>();
        for (int lane = 0; lane < config.lanes(); lane++) {
            laneLists.add(new ArrayList<>());
        }
        List<DeadLetter> deadLetters = new ArrayList<>();
        int events = 0;
        for (DeadLetter letter : queue) {
            String user = letter.laneKey() == null ? String.valueOf(letter.messageId()) : letter.laneKey();
            EventMapper.Mapped mapped = letter.stage().equals(DeadLetter.MAPPING)
                    ? mapper.map(letter.payload().getBytes(StandardCharsets.UTF_8), user, clock.instant())
                    : mapper.resend(letter, user);
            if (mapped.outgoing() != null) {
                laneLists.get(lane(user)).add(mapped.outgoing());
                events++;
            } else if (mapped.deadLetter() != null) {
                deadLetters.add(mapped.deadLetter());
            }
        }
        LaneSender.Result result = sendLanes(laneLists, events);
        deadLetters.addAll(result.deadLetters());
        commit(position.offset(), result, deadLetters, 0);
        store.clearReplayQueue();
    }

    private LaneSender.Result sendLanes(List<List<Outgoing>> laneLists, int events) throws InterruptedException {
        inFlight = events;
        List<Future<LaneSender.Result>> futures = new ArrayList<>();
        try {
            for (List<Outgoing> lane : laneLists) {
                if (!lane.isEmpty()) {
                    futures.add(lanes.submit(() -> sender.deliver(lane)));
                }
            }
            long delivered = 0;
            long retried = 0;
            List<DeadLetter> dead = new ArrayList<>();
            for (Future<LaneSender.Result> future : futures) {
                LaneSender.Result lane = future.get();
                delivered += lane.delivered();
                retried += lane.retried();
                dead.addAll(lane.deadLetters());
            }
            return new LaneSender.Result(delivered, retried, dead);
        } catch (InterruptedException e) {
            futures.forEach(future -> future.cancel(true));
            throw e;
        } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            inFlight = 0;
        }
    }

    private void commit(long offset, LaneSender.Result result, List<DeadLetter> deadLetters, long filtered) {
        store.addDeadLetters(deadLetters);
        if (!deadLetters.isEmpty()) {
            deadLetterCount += deadLetters.size();
            LOG.warn("destination {}: {} events became dead letters ({}); `sluice destinations replay {}` sends them"
                    + " again", config.name(), deadLetters.size(), deadLetters.get(0).error(), config.name());
        }
        QueuePosition next = position.advance(offset, result.delivered(), result.retried(), deadLetters.size(), filtered);
        store.writePosition(next);
        position = next;
    }

    private static String laneKey(JsonNode event) {
        String user = text(event, "userId");
        if (user == null || user.isEmpty()) {
            user = text(event, "anonymousId");
        }
        if (user == null || user.isEmpty()) {
            user = String.valueOf(text(event, "messageId"));
        }
        return user;
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
