package dev.sluice.server.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Runs one transformation: a pool of contexts with its module loaded (one per thread that calls at
 * the same time, kept for the next call, each warmed before its first call), each call watched by the
 * {@link Watchdog}. {@code transformEvent} runs on up to {@value #EVENTS_PER_CALL} events in one call
 * into the sandbox, and each event's outcome is its own: one that throws or returns something that
 * is not an event fails alone and the call goes on after it; when a call on several events runs out of
 * time or statements, each of them is run again alone, so that only the event that runs too long
 * fails. A context whose call was stopped is replaced.
 *
 * <p>Thread-safe.
 */
public final class TransformationRunner implements AutoCloseable {
    /** Events per call into the sandbox for {@link #callEvents}. */
    static final int EVENTS_PER_CALL = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WARM_UP_METADATA = TransformTarget.source("warm-up").metadataJson();

    private final JsEngine engine;
    private final Transformation transformation;
    private final Source module;
    private final TransformationLog log;
    private final Watchdog watchdog;
    private final Fetcher fetcher;
    private final ConcurrentLinkedDeque<JsInstance> idle = new ConcurrentLinkedDeque<>();
    private final boolean batch;
    private volatile boolean closed;
    /** The thread {@link #prewarm} started, or {@code null}: {@link #close} waits for it. */
    private volatile Thread warmer;

    /** Loads the module once, so that a broken transformation is reported now, not at its first event. */
    TransformationRunner(JsEngine engine, Transformation transformation, TransformationLog log, Watchdog watchdog) {
        this.engine = engine;
        this.transformation = transformation;
        this.module = Source.newBuilder("js", transformation.code(), transformation.file())
                .mimeType("application/javascript+module").buildLiteral();
        this.log = log;
        this.watchdog = watchdog;
        this.fetcher = transformation.settings().fetchAllowed()
                ? new Fetcher(transformation.settings().fetchHosts(), transformation.settings().timeout()) : null;
        JsInstance first = newInstance();
        this.batch = first.batch();
        idle.push(first);
    }

    public Transformation transformation() {
        return transformation;
    }

    public TransformationLog log() {
        return log;
    }

    /** Whether the module exports {@code transformBatch}: then {@link #callBatch} is the call to make. */
    public boolean batch() {
        return batch;
    }

    /** {@code transformEvent} on one event. */
    public CallResult callEvent(TransformInput input, String metadataJson) {
        return callEvents(List.of(input), metadataJson).get(0);
    }

    /**
     * {@code transformEvent} on each event, each with the outcome it has when called alone (see the class
     * comment). Blocks for as long as the calls run.
     *
     * @return one result per input, in order
     */
    public List<CallResult> callEvents(List<TransformInput> inputs, String metadataJson) {
        List<CallResult> results = new ArrayList<>(inputs.size());
        int from = 0;
        boolean retried = false;
        while (from < inputs.size()) {
            List<TransformInput> chunk = inputs.subList(from, Math.min(inputs.size(), from + EVENTS_PER_CALL));
            Attempt attempt = attempt(chunk, metadataJson, results);
            if (attempt.stopped == null) {
                from += attempt.settled;
                retried = false;
            } else if (attempt.staleInterrupt && !retried) {
                retried = true; // the watchdog stopped the call before this one on the same context; run it again
            } else if (chunk.size() > 1) {
                for (TransformInput input : chunk) {
                    results.add(callEvent(input, metadataJson));
                }
                from += chunk.size();
            } else {
                results.add(failure(attempt.stopped));
                from++;
                retried = false;
            }
        }
        return results;
    }

    /**
     * One call's outcome: {@code settled} events have their results (at least one), or the call was
     * {@code stopped} (out of time or statements, or interrupted) and none of the chunk has.
     */
    private record Attempt(int settled, PolyglotException stopped, boolean staleInterrupt) {}

    private Attempt attempt(List<TransformInput> chunk, String metadataJson, List<CallResult> results) {
        checkOpen();
        JsInstance instance = take();
        Watchdog.Call call = watchdog.start(instance, transformation.settings().timeout());
        boolean keep = true;
        try {
            return new Attempt(decode(instance.callEvents(jsonArray(chunk), metadataJson), results), null, false);
        } catch (PolyglotException e) {
            keep = usable(e) && !call.interrupted;
            if (!keep) {
                return new Attempt(0, e, (e.isInterrupted() || e.isCancelled()) && !call.late());
            }
            // One event failed: those before it are done, the next call starts after it.
            int done = decode(instance.progress(), results);
            results.add(failure(e));
            return new Attempt(done + 1, null, false);
        } finally {
            watchdog.finish(call);
            release(instance, keep && !call.interrupted);
        }
    }

    /** {@code transformBatch} on all the events; a failure fails them all. */
    public CallResult callBatch(List<TransformInput> inputs, String metadataJson) {
        String json = jsonArray(inputs);
        checkOpen();
        for (int attempt = 0; ; attempt++) {
            JsInstance instance = take();
            Watchdog.Call call = watchdog.start(instance, transformation.settings().timeout());
            boolean keep = true;
            try {
                return CallResult.of(instance.callBatch(json, metadataJson));
            } catch (PolyglotException e) {
                keep = usable(e);
                if ((e.isInterrupted() || e.isCancelled()) && !call.late() && attempt == 0) {
                    continue; // the watchdog stopped the call before this one on the same context; run it again
                }
                return failure(e);
            } finally {
                watchdog.finish(call);
                release(instance, keep && !call.interrupted);
            }
        }
    }

    private static String jsonArray(List<TransformInput> inputs) {
        int length = 2;
        for (TransformInput input : inputs) {
            length += input.json().length + 1;
        }
        byte[] array = new byte[length];
        array[0] = '[';
        int at = 1;
        for (int index = 0; index < inputs.size(); index++) {
            if (index > 0) {
                array[at++] = ',';
            }
            byte[] json = inputs.get(index).json();
            System.arraycopy(json, 0, array, at, json.length);
            at += json.length;
        }
        array[at++] = ']';
        return new String(array, 0, at, StandardCharsets.UTF_8);
    }

    /**
     * Reads what {@link JsInstance#callEvents} returned (a JSON array written by {@code JSON.stringify}, so
     * without white space) into one result per element; returns how many.
     */
    static int decode(String encoded, List<CallResult> results) {
        byte[] text = encoded.getBytes(StandardCharsets.UTF_8);
        if (text.length == 0 || text[0] != '[') {
            throw new IllegalStateException("the glue returned " + encoded);
        }
        int count = 0;
        int at = 1;
        while (text[at] != ']') {
            if (text[at] == ',') {
                at++;
            }
            switch (text[at]) {
                case 'n' -> {
                    results.add(CallResult.DROPPED);
                    at += 4;
                }
                case '{' -> {
                    int end = end(text, at);
                    results.add(new CallResult(List.of(Arrays.copyOfRange(text, at, end)), null));
                    at = end;
                }
                case '[' -> {
                    List<byte[]> outputs = new ArrayList<>();
                    at++;
                    while (text[at] != ']') {
                        if (text[at] == ',') {
                            at++;
                        }
                        int end = end(text, at);
                        outputs.add(Arrays.copyOfRange(text, at, end));
                        at = end;
                    }
                    at++;
                    results.add(outputs.isEmpty() ? CallResult.DROPPED : new CallResult(outputs, null));
                }
                case '"' -> {
                    int end = end(text, at);
                    results.add(CallResult.failed(new TransformError(TransformError.Kind.NOT_AN_EVENT,
                            unquote(text, at, end), List.of())));
                    at = end;
                }
                default -> throw new IllegalStateException("the glue returned " + encoded);
            }
            count++;
        }
        return count;
    }

    /** The end (exclusive) of the JSON object, array or string that starts at {@code start}. */
    private static int end(byte[] text, int start) {
        if (text[start] == '"') {
            for (int at = start + 1; ; at++) {
                if (text[at] == '\\') {
                    at++;
                } else if (text[at] == '"') {
                    return at + 1;
                }
            }
        }
        int depth = 0;
        boolean inString = false;
        for (int at = start; ; at++) {
            byte b = text[at];
            if (inString) {
                if (b == '\\') {
                    at++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return at + 1;
            }
        }
    }

    private static String unquote(byte[] text, int start, int end) {
        try {
            return JSON.readValue(text, start, end - start, String.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the glue returned a string that is not JSON", e);
        }
    }

    /** Whether a context can take the next call after its call failed with {@code e}. */
    private static boolean usable(PolyglotException e) {
        return !e.isCancelled() && !e.isInterrupted() && !e.isResourceExhausted() && !e.isInternalError();
    }

    private CallResult failure(PolyglotException e) {
        TransformError error = TransformError.describe(e, transformation.file());
        if (error.kind() == TransformError.Kind.TIMED_OUT) {
            error = new TransformError(error.kind(), transformation.name() + " ran longer than "
                    + transformation.settings().timeout().toMillis() + " ms and was stopped", error.stack());
        } else if (error.kind() == TransformError.Kind.STATEMENT_LIMIT) {
            error = new TransformError(error.kind(), transformation.name() + " ran more than "
                    + transformation.settings().statementLimit() + " statements in one call and was stopped",
                    error.stack());
        }
        return CallResult.failed(error);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("transformation " + transformation.name() + " is closed");
        }
    }

    /** An idle context, or a new one (warmed) when all are busy. */
    private JsInstance take() {
        JsInstance instance = idle.poll();
        return instance != null ? instance : newInstance();
    }

    /** Returns a context to the pool, or closes it when it cannot be used again. */
    private void release(JsInstance instance, boolean reusable) {
        if (reusable && !closed) {
            idle.push(instance);
        } else {
            instance.close();
        }
    }

    /**
     * Makes contexts in the background until {@code contexts} are idle, so that the first requests after
     * a start do not each wait for a new one. Returns at once.
     */
    void prewarm(int contexts) {
        Thread warmer = new Thread(() -> {
            try {
                while (!closed && idle.size() < contexts) {
                    idle.push(newInstance());
                }
            } catch (RuntimeException e) {
                // The module loaded once already; a context that cannot be made now is made at its first call.
            }
        }, "sluice-transform-prewarm-" + transformation.name());
        warmer.setDaemon(true);
        this.warmer = warmer;
        warmer.start();
    }

    private JsInstance newInstance() {
        JsInstance instance = new JsInstance(engine, transformation, module, log, fetcher);
        try {
            instance.warm(WARM_UP_METADATA);
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
        return instance;
    }

    /**
     * Closes the idle contexts, after waiting for the prewarming thread to finish the context it is making: the
     * engine must not be closed while a thread initializes a context of it (GraalJS then waits forever).
     */
    @Override
    public void close() {
        closed = true;
        Thread making = warmer;
        if (making != null && making != Thread.currentThread()) {
            try {
                making.join(TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JsInstance instance;
        while ((instance = idle.poll()) != null) {
            instance.close();
        }
    }
}
