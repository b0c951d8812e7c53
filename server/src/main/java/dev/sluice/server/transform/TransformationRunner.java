package dev.sluice.server.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Runs one transformation: a pool of contexts with its module loaded (one per thread that calls at
 * the same time, kept for the next call), each call watched by the {@link Watchdog}. A call that
 * throws, times out or runs out of statements fails alone: its context is replaced and the next call
 * starts fresh.
 *
 * <p>Thread-safe.
 */
public final class TransformationRunner implements AutoCloseable {
    private final JsEngine engine;
    private final Transformation transformation;
    private final Source module;
    private final TransformationLog log;
    private final Watchdog watchdog;
    private final Fetcher fetcher;
    /** Events per call into the sandbox for {@link #callEvents}. */
    static final int EVENTS_PER_CALL = 100;
    private static final char RECORD_SEPARATOR = '\u001e';
    private static final String WARM_UP_METADATA = TransformTarget.source("warm-up").metadataJson();

    private final ConcurrentLinkedDeque<JsInstance> idle = new ConcurrentLinkedDeque<>();
    private final boolean batch;
    private volatile boolean closed;

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
        return call(new String(input.json(), StandardCharsets.UTF_8), metadataJson, input.messageId());
    }

    /**
     * {@code transformEvent} on each event, with the outcome of each as if it had been called alone:
     * the events go into the sandbox {@value #EVENTS_PER_CALL} at a time, in one call each. When an event
     * throws or returns something that is not an event, that event fails and the call goes on after it;
     * when a call on several events runs out of time or statements, each of them is run again alone, so
     * that only the one that runs too long fails.
     *
     * @return one result per input, in order
     */
    public List<CallResult> callEvents(List<TransformInput> inputs, String metadataJson) {
        List<CallResult> results = new ArrayList<>(inputs.size());
        int from = 0;
        while (from < inputs.size()) {
            List<TransformInput> chunk = inputs.subList(from, Math.min(inputs.size(), from + EVENTS_PER_CALL));
            from += chunk.size() == 1 ? addResult(results, callEvent(chunk.get(0), metadataJson))
                    : callChunk(chunk, metadataJson, results);
        }
        return results;
    }

    private static int addResult(List<CallResult> results, CallResult result) {
        results.add(result);
        return 1;
    }

    /** Adds the results of the first events of {@code chunk} (at least one) to {@code results}; returns how many. */
    private int callChunk(List<TransformInput> chunk, String metadataJson, List<CallResult> results) {
        checkOpen();
        JsInstance instance = take();
        Watchdog.Call call = watchdog.start(instance, transformation.settings().timeout());
        boolean keep = true;
        try {
            return decode(instance.callEvents(jsonArray(chunk), metadataJson), results);
        } catch (PolyglotException e) {
            keep = usable(e) && !call.interrupted;
            if (keep) {
                // One event failed: those before it are done, the next call starts after it.
                int done = decode(instance.progress(), results);
                results.add(failure(e));
                return done + 1;
            }
        } finally {
            watchdog.finish(call);
            release(instance, keep && !call.interrupted);
        }
        // Out of time or statements (or stopped) with several events in the call: each alone.
        for (TransformInput input : chunk) {
            results.add(callEvent(input, metadataJson));
        }
        return chunk.size();
    }

    /** {@code transformBatch} on all the events; a failure fails them all. */
    public CallResult callBatch(List<TransformInput> inputs, String metadataJson) {
        return call(jsonArray(inputs), metadataJson, null);
    }

    private static String jsonArray(List<TransformInput> inputs) {
        int length = 2;
        for (TransformInput input : inputs) {
            length += input.json().length + 1;
        }
        byte[] array = new byte[length];
        array[0] = '[';
        int at = 1;
        for (TransformInput input : inputs) {
            if (at > 1) {
                array[at++] = ',';
            }
            System.arraycopy(input.json(), 0, array, at, input.json().length);
            at += input.json().length;
        }
        array[at++] = ']';
        return new String(array, 0, at, StandardCharsets.UTF_8);
    }

    /** Reads what {@link JsInstance#callEvents} returned into one result per event done; returns how many. */
    private static int decode(String encoded, List<CallResult> results) {
        int separator = encoded.indexOf(RECORD_SEPARATOR);
        int done = Integer.parseInt(encoded, 0, separator, 10);
        int at = separator + 1;
        for (int index = 0; index < done; index++) {
            int end = encoded.indexOf(RECORD_SEPARATOR, at);
            if (end < 0) {
                end = encoded.length();
            }
            results.add(CallResult.of(encoded.substring(at, end)));
            at = end + 1;
        }
        return done;
    }

    private CallResult call(String json, String metadataJson, String messageId) {
        checkOpen();
        for (int attempt = 0; ; attempt++) {
            JsInstance instance = take();
            Watchdog.Call call = watchdog.start(instance, transformation.settings().timeout());
            boolean keep = true;
            try {
                return CallResult.of(instance.call(json, metadataJson, messageId));
            } catch (PolyglotException e) {
                keep = usable(e);
                if ((e.isInterrupted() || e.isCancelled()) && !call.late() && attempt == 0) {
                    continue; // the watchdog stopped the call before this one on the same context; run it again
                }
                return CallResult.failed(failure(e).error());
            } finally {
                watchdog.finish(call);
                release(instance, keep && !call.interrupted);
            }
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
     * a start do not each wait for a new context. Returns at once.
     */
    void prewarm(int contexts) {
        Thread warmer = new Thread(() -> {
            try {
                while (!closed && idle.size() < contexts) {
                    idle.push(newInstance());
                }
            } catch (RuntimeException e) {
                // the module loaded once already; a context that cannot be made now is made at its first call
            }
        }, "sluice-transform-prewarm-" + transformation.name());
        warmer.setDaemon(true);
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

    @Override
    public void close() {
        closed = true;
        JsInstance instance;
        while ((instance = idle.poll()) != null) {
            instance.close();
        }
    }
}
