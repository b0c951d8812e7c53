package dev.sluice.server.transform;

import java.nio.charset.StandardCharsets;
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

    /** {@code transformBatch} on all the events; a failure fails them all. */
    public CallResult callBatch(List<TransformInput> inputs, String metadataJson) {
        StringBuilder array = new StringBuilder(inputs.stream().mapToInt(input -> input.json().length + 1).sum() + 2);
        array.append('[');
        for (int index = 0; index < inputs.size(); index++) {
            if (index > 0) {
                array.append(',');
            }
            array.append(new String(inputs.get(index).json(), StandardCharsets.UTF_8));
        }
        return call(array.append(']').toString(), metadataJson, null);
    }

    private CallResult call(String json, String metadataJson, String messageId) {
        if (closed) {
            throw new IllegalStateException("transformation " + transformation.name() + " is closed");
        }
        for (int attempt = 0; ; attempt++) {
            JsInstance instance = idle.poll();
            if (instance == null) {
                instance = newInstance();
            }
            Watchdog.Call call = watchdog.start(instance, transformation.settings().timeout());
            boolean keep = true;
            try {
                return CallResult.of(instance.call(json, metadataJson, messageId));
            } catch (PolyglotException e) {
                keep = !e.isCancelled() && !e.isInterrupted() && !e.isResourceExhausted() && !e.isInternalError();
                if ((e.isInterrupted() || e.isCancelled()) && !call.late() && attempt == 0) {
                    continue; // the watchdog stopped the call before this one on the same context; run it again
                }
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
            } finally {
                watchdog.finish(call);
                if (keep && !call.interrupted && !closed) {
                    idle.push(instance);
                } else {
                    instance.close();
                }
            }
        }
    }

    private JsInstance newInstance() {
        return new JsInstance(engine, transformation, module, log, fetcher);
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
