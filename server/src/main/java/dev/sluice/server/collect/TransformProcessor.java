package dev.sluice.server.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.server.spool.Spool;
import dev.sluice.server.spool.SpoolException;
import dev.sluice.server.spool.SpoolRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sources' transformations off the request path, as RudderStack's processor does. The collector
 * spools a request of a source with transformations as it received it (enriched, not transformed) in the
 * <em>intake</em> spool ({@code <spool>/intake}) and answers 200 once that is durable; this processor
 * follows the intake spool in order, transforms each request's events and appends what the transformations
 * returned, with their dead letters, to the main spool, which the loader and the real-time destinations
 * read. Requests are transformed on several threads at once and appended in the order they were received,
 * so a user's events keep their order.
 *
 * <p>Exactly once, across a crash at any point: every main-spool record the processor writes names the intake
 * position after the request it holds ({@code "intake_spool"}, {@code "intake_end"}). After each batch the
 * processor saves its intake position and the main spool's end ({@code intake/transformed.position}, replaced
 * atomically), and the main spool keeps everything from that end on. On start the processor resumes from the
 * saved position, moved past every request a record after the saved end already holds: a request whose
 * transformed record reached the disk is never transformed twice, one whose record did not is transformed
 * again. The intake spool is trimmed only behind the saved position.
 *
 * <p>Thread-safe.
 */
public final class TransformProcessor implements AutoCloseable {
    /** The intake spool's folder, inside the main spool's. */
    public static final String INTAKE_FOLDER = "intake";
    static final String POSITION_FILE = "transformed.position";
    /** Fields of a main-spool record the processor wrote: the intake spool's id and the end of the request. */
    static final String RECORD_INTAKE_SPOOL = "intake_spool";
    static final String RECORD_INTAKE_END = "intake_end";
    private static final Logger LOG = LoggerFactory.getLogger(TransformProcessor.class);
    private static final ObjectMapper JSON = EventJson.records();
    /** Intake bytes read and transformed at a time. */
    private static final long READ_BYTES = 1024 * 1024;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** How often an idle processor moves its saved main-spool end forward, so that the main spool can be trimmed. */
    private static final long IDLE_SAVE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long DURABLE_TIMEOUT_SECONDS = 60;

    private final Spool main;
    private final Spool intake;
    private final SourceTransformer transformer;
    private final ExecutorService workers;
    private final Path positionFile;
    /** Everything of the intake spool before this is in the main spool. Written by the processor thread. */
    private volatile long position;
    /** The main spool's end when {@link #position} was last saved: the main spool keeps everything from here. */
    private volatile long savedMainOffset;
    private volatile String lastError;
    private volatile boolean stopping;
    private volatile Thread thread;
    private boolean closed;

    private TransformProcessor(Spool main, Spool intake, SourceTransformer transformer, long position,
            long savedMainOffset, int threads) {
        this.main = main;
        this.intake = intake;
        this.transformer = transformer;
        this.position = position;
        this.savedMainOffset = savedMainOffset;
        this.positionFile = intake.directory().resolve(POSITION_FILE);
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread worker = new Thread(runnable, "sluice-transform-" + count.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        });
    }

    /**
     * Opens the intake spool in {@code main}'s folder and finds where to resume; {@code null} when no source has
     * transformations and no intake spool is left from an earlier configuration. Call before the loader first
     * trims the main spool. Nothing is transformed before {@link #start}.
     *
     * @param threads how many requests are transformed at once
     */
    public static TransformProcessor open(Spool main, SourceTransformer transformer, int threads) {
        Path folder = main.directory().resolve(INTAKE_FOLDER);
        if (!transformer.transformsAny() && !Files.isDirectory(folder)) {
            return null;
        }
        Spool intake = Spool.open(folder, Spool.DEFAULT_SEGMENT_BYTES);
        try {
            Saved saved = Saved.read(folder.resolve(POSITION_FILE));
            long position = intake.startOffset();
            long scanFrom = main.startOffset();
            if (saved != null && saved.intakeId().equals(intake.id())) {
                position = Math.max(position, saved.intakeOffset());
            }
            if (saved != null && saved.mainId().equals(main.id())) {
                scanFrom = Math.max(scanFrom, Math.min(saved.mainOffset(), main.durableOffset()));
            }
            long resumed = position;
            // Records the processor appended after it last saved its position: their requests are done.
            for (long offset = scanFrom; offset < main.durableOffset(); ) {
                List<SpoolRecord> records = main.read(offset, READ_BYTES);
                if (records.isEmpty()) {
                    break;
                }
                for (SpoolRecord record : records) {
                    long end = intakeEnd(record.payload(), intake.id());
                    if (end > resumed) {
                        resumed = end;
                    }
                }
                offset = records.get(records.size() - 1).endOffset();
            }
            if (resumed > intake.durableOffset()) {
                throw new SpoolException("the main spool in " + main.directory() + " holds transformed requests up to"
                        + " offset " + resumed + " of the intake spool, but the intake spool in " + folder + " ends at "
                        + intake.durableOffset() + "; its files were changed by hand");
            }
            if (resumed < intake.durableOffset()) {
                LOG.info("{} bytes of requests received but not yet transformed; transforming them now",
                        intake.durableOffset() - resumed);
            }
            TransformProcessor processor = new TransformProcessor(main, intake, transformer, resumed, scanFrom,
                    Math.max(1, threads));
            main.retainFrom(() -> processor.savedMainOffset);
            return processor;
        } catch (RuntimeException e) {
            intake.close();
            throw e;
        }
    }

    /** Whether the source's requests are spooled here, to be transformed. */
    public boolean transforms(String source) {
        return transformer.transforms(source);
    }

    /** Spools a request of a source with transformations, as received; completes once it is on disk. */
    public CompletableFuture<Long> append(byte[] record) {
        CompletableFuture<Long> appended = intake.append(record);
        Thread running = thread;
        if (running != null) {
            appended.thenRun(() -> LockSupport.unpark(running));
        }
        return appended;
    }

    /** Intake bytes received and not yet transformed. */
    public long backlogBytes() {
        return Math.max(0, intake.durableOffset() - position);
    }

    /** The error of the last batch that failed, or {@code null} after one that succeeded. */
    public String lastError() {
        return lastError;
    }

    /** Starts transforming on a thread of its own. Call once. */
    public synchronized void start() {
        thread = new Thread(this::run, "sluice-transform-processor");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until every request that was durable when called is transformed and in the main spool, or the
     * processor made no progress for {@code stalled}; returns whether it caught up.
     */
    public boolean awaitTransformed(java.time.Duration stalled) throws InterruptedException {
        long target = intake.durableOffset();
        long last = position;
        long progressed = System.nanoTime();
        while (position < target) {
            synchronized (this) {
                if (position < target) {
                    wait(10);
                }
            }
            if (position != last) {
                last = position;
                progressed = System.nanoTime();
            } else if (System.nanoTime() - progressed > stalled.toNanos()) {
                return false;
            }
        }
        return true;
    }

    private void run() {
        long idleSince = System.nanoTime();
        while (true) {
            boolean caughtUp = position >= intake.durableOffset();
            if (caughtUp) {
                if (stopping) {
                    return;
                }
                if (System.nanoTime() - idleSince > IDLE_SAVE_NANOS) {
                    idleSince = System.nanoTime();
                    saveIdle();
                }
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            try {
                processBatch();
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e.getMessage();
                LOG.error("transforming received requests from intake offset {} failed; trying again", position, e);
                if (stopping && (main.failed() || intake.failed())) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One read of the intake spool: transformed in parallel, appended in order, then the position saved. */
    private void processBatch() throws InterruptedException {
        List<SpoolRecord> records = intake.read(position, READ_BYTES);
        if (records.isEmpty()) {
            return;
        }
        List<Future<byte[]>> transformed = new ArrayList<>(records.size());
        for (SpoolRecord record : records) {
            transformed.add(workers.submit(() -> transform(record)));
        }
        List<CompletableFuture<Long>> appended = new ArrayList<>(records.size());
        RuntimeException failure = null;
        for (Future<byte[]> output : transformed) {
            try {
                appended.add(main.append(output.get()));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                failure = cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
                transformed.forEach(future -> future.cancel(false));
                break;
            } catch (RuntimeException e) {
                failure = e;
                transformed.forEach(future -> future.cancel(false));
                break;
            }
        }
        // What was appended is saved as done, even when a later request failed: it is never appended twice.
        if (!appended.isEmpty()) {
            try {
                long mainEnd = 0;
                for (CompletableFuture<Long> append : appended) {
                    mainEnd = Math.max(mainEnd, append.get(DURABLE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
                }
                save(records.get(appended.size() - 1).endOffset(), mainEnd);
            } catch (ExecutionException e) {
                throw new SpoolException("the main spool refused a write: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new SpoolException("the main spool did not confirm a write within " + DURABLE_TIMEOUT_SECONDS
                        + " s", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The main-spool record for one intake record: its events transformed, marked with the intake position. */
    private byte[] transform(SpoolRecord record) {
        String head = "\"" + RECORD_INTAKE_SPOOL + "\":" + JSON.getNodeFactory().textNode(intake.id()) + ",\""
                + RECORD_INTAKE_END + "\":" + record.endOffset() + ",";
        Request request;
        try {
            request = Request.parse(record.payload(), record.offset());
        } catch (SpoolException e) {
            // Only a bug or a damaged disk makes one: passed on whole, for the loader to keep as a dead letter.
            LOG.error("{}; the loader keeps it in the dead letters", e.getMessage());
            return ("{" + head + "\"unreadable_intake_record\":" + JSON.getNodeFactory().textNode(
                    new String(record.payload(), StandardCharsets.UTF_8)) + "}").getBytes(StandardCharsets.UTF_8);
        }
        List<byte[]> events = request.events();
        List<byte[]> failures = List.of();
        if (transformer.transforms(request.source())) {
            SourceTransformer.Transformed result = transformer.transform(request.source(), events, request.ids());
            events = result.events();
            failures = result.failures();
        }
        return EventIngestor.record(head, request.source(), request.schema(), null, events, failures);
    }

    private synchronized void save(long intakeOffset, long mainOffset) {
        new Saved(intake.id(), intakeOffset, main.id(), mainOffset).write(positionFile);
        position = intakeOffset;
        savedMainOffset = mainOffset;
        notifyAll();
        intake.trim(intakeOffset);
    }

    /** Caught up: nothing of the processor's is after the main spool's end, so that end is the new floor. */
    private void saveIdle() {
        long mainEnd = main.durableOffset();
        if (mainEnd != savedMainOffset && position >= intake.durableOffset()) {
            try {
                save(position, mainEnd);
            } catch (RuntimeException e) {
                LOG.warn("cannot save the transformation position: {}", e.getMessage());
            }
        }
    }

    /** Transforms what is spooled, then stops and closes the intake spool. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
        }
        stopping = true;
        try {
            if (running != null) {
                LockSupport.unpark(running);
                running.join(TimeUnit.MINUTES.toMillis(5));
                if (running.isAlive()) {
                    LOG.error("transforming the received requests did not finish within 5 minutes; the rest is"
                            + " transformed after the next start");
                    running.interrupt();
                    running.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            workers.shutdownNow();
            intake.close();
        }
    }

    /** The intake position a main-spool record names, or -1 when it is not the processor's or another intake's. */
    static long intakeEnd(byte[] record, String intakeId) {
        try (JsonParser parser = JSON.getFactory().createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME
                    || !RECORD_INTAKE_SPOOL.equals(parser.currentName()) || parser.nextToken() != JsonToken.VALUE_STRING
                    || !intakeId.equals(parser.getText())) {
                return -1;
            }
            if (parser.nextToken() != JsonToken.FIELD_NAME || !RECORD_INTAKE_END.equals(parser.currentName())
                    || parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                return -1;
            }
            return parser.getLongValue();
        } catch (IOException e) {
            return -1; // not JSON: the loader keeps it as a dead letter
        }
    }

    /** One request of the intake spool: its source, schema, message ids and events (each its bytes in the record). */
    record Request(String source, String schema, List<String> ids, List<byte[]> events) {
        static Request parse(byte[] record, long offset) {
            try (JsonParser parser = JSON.getFactory().createParser(record)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                String source = null;
                String schema = null;
                List<String> ids = new ArrayList<>();
                List<byte[]> events = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals(EventIngestor.RECORD_SOURCE) && value == JsonToken.VALUE_STRING) {
                        source = parser.getText();
                    } else if (field.equals(EventIngestor.RECORD_SCHEMA) && value == JsonToken.VALUE_STRING) {
                        schema = parser.getText();
                    } else if (field.equals(EventIngestor.RECORD_IDS) && value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            ids.add(parser.getValueAsString());
                        }
                    } else if (field.equals(EventIngestor.RECORD_EVENTS) && value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            int start = Math.toIntExact(parser.currentTokenLocation().getByteOffset());
                            parser.skipChildren();
                            int end = Math.toIntExact(parser.currentLocation().getByteOffset());
                            events.add(Arrays.copyOfRange(record, start, end));
                        }
                        if (parser.currentToken() != JsonToken.END_ARRAY) {
                            throw new IllegalArgumentException("an event is not a JSON object");
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                if (source == null || schema == null || ids.size() != events.size()) {
                    throw new IllegalArgumentException("it needs \"source\", \"schema\", and as many \"ids\" as \"events\"");
                }
                return new Request(source, schema, ids, events);
            } catch (IOException | IllegalArgumentException e) {
                throw new SpoolException("intake spool record at offset " + offset + " cannot be read: " + e.getMessage(),
                        e);
            }
        }
    }

    /** The saved position: {@code {"intake": id, "intakeOffset": n, "main": id, "mainOffset": n}}. */
    record Saved(String intakeId, long intakeOffset, String mainId, long mainOffset) {
        static Saved read(Path file) {
            if (!Files.exists(file)) {
                return null;
            }
            try {
                JsonNode json = JSON.readTree(Files.readAllBytes(file));
                return new Saved(json.path("intake").asText(), json.path("intakeOffset").asLong(),
                        json.path("main").asText(), json.path("mainOffset").asLong());
            } catch (IOException e) {
                throw new SpoolException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        void write(Path file) {
            byte[] bytes = JSON.createObjectNode().put("intake", intakeId).put("intakeOffset", intakeOffset)
                    .put("main", mainId).put("mainOffset", mainOffset).toString().getBytes(StandardCharsets.UTF_8);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(java.nio.ByteBuffer.wrap(bytes));
                    channel.force(true);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Spool.syncDirectory(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the transformation position in " + file + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
