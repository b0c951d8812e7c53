package dev.sluice.server.transform;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.time.Duration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One context with one transformation's module loaded, ready to call. Pooled by
 * {@link TransformationRunner}; a context whose call was cancelled or ran out of statements is
 * closed and replaced.
 *
 * <p>Not thread-safe: one call at a time. {@link #interrupt} may be called from another thread.
 */
final class JsInstance implements AutoCloseable {
    private final Context context;
    private final Value glue;
    private final Value events;
    private final Value settleEvents;
    private final Value progress;
    private final Value function;
    private final boolean batch;
    private final String functionName;

    /**
     * @throws SluiceException when the module does not load (its syntax error or the error it threw, with
     *     file and line) or exports neither function
     */
    JsInstance(JsEngine engine, Transformation transformation, Source module, TransformationLog log, Fetcher fetcher) {
        context = engine.newContext(transformation.settings().statementLimit());
        try {
            Value bindings = context.getBindings("js");
            bindings.putMember("__sluiceLog", (ProxyExecutable) arguments -> {
                // The glue names the event being transformed (none within transformBatch).
                String messageId = arguments.length > 1 && !arguments[1].isNull() ? (arguments[1].isString()
                        ? arguments[1].asString() : arguments[1].toString()) : null;
                log.write(messageId, arguments.length == 0 ? "" : arguments[0].asString());
                return null;
            });
            if (fetcher != null) {
                bindings.putMember("__sluiceFetch", (ProxyExecutable) arguments -> fetcher.fetch(arguments[0].asString(),
                        arguments[1].asString()));
            }
            glue = context.eval(engine.glue());
            events = glue.getMember("events");
            settleEvents = glue.getMember("settleEvents");
            progress = glue.getMember("progress");
            Value exports;
            try {
                exports = context.eval(module);
            } catch (PolyglotException e) {
                throw new SluiceException(ErrorCode.TRANSFORMATION, transformation.file() + ": cannot load: "
                        + TransformError.describe(e, transformation.file()).withStack(), e);
            }
            Value batchFunction = exports.getMember("transformBatch");
            Value eventFunction = exports.getMember("transformEvent");
            if (eventFunction != null && eventFunction.canExecute()) {
                function = eventFunction;
                batch = false;
                functionName = "transformEvent";
            } else if (batchFunction != null && batchFunction.canExecute()) {
                function = batchFunction;
                batch = true;
                functionName = "transformBatch";
            } else {
                throw new SluiceException(ErrorCode.TRANSFORMATION, transformation.file()
                        + ": exports neither transformEvent(event, metadata) nor transformBatch(events, metadata);"
                        + " write `export function transformEvent(event, metadata) { ... }`");
            }
            context.resetLimits();
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    /** Whether the module exports {@code transformBatch} (and not {@code transformEvent}). */
    boolean batch() {
        return batch;
    }

    /**
     * Calls {@code transformBatch} on a JSON array of events, with one metadata object per event.
     *
     * @return the output events as JSON texts separated by newlines; empty when none
     * @throws PolyglotException what the call threw, was interrupted with, or ran out of
     */
    String callBatch(String eventsJson, String metadataJson) {
        context.resetLimits();
        Value result = glue.getMember("batch").execute(function, eventsJson, metadataJson);
        if (!result.isString()) {
            // An async transformation: its promise's jobs ran when the call returned to Java.
            result = glue.getMember("settle").execute(result, functionName);
        }
        return result.asString();
    }

    /**
     * Calls {@code transformEvent} on each event of a JSON array, in one call into the context.
     *
     * @return a JSON array with one element per event done: its output event (an object), {@code null}
     *     (dropped), an array of output events, or a string (the event's output cannot be written as JSON:
     *     the error); fewer elements than events when one returned a promise (send the rest again)
     * @throws PolyglotException what an event threw; {@link #progress} then tells which one
     */
    String callEvents(String eventsJson, String metadataJson) {
        context.resetLimits();
        Value result = events.execute(function, eventsJson, metadataJson);
        if (result.isNull()) {
            result = settleEvents.execute();
        }
        return result.asString();
    }

    /**
     * After {@link #callEvents} threw: the events done before the one that failed, encoded as
     * {@link #callEvents} returns them (as many elements as the failed event's index).
     */
    String progress() {
        return progress.execute().asString();
    }

    /**
     * Runs the glue (not the transformation) once on a made-up event, so that the context's lazy
     * set-up (JSON, the glue's functions) happens now and not within a call's time-out.
     */
    void warm(String metadataJson) {
        Value identity = context.eval("js", "(event) => event");
        events.execute(identity, "[{\"type\":\"track\",\"messageId\":\"warm-up\","
                + "\"properties\":{\"a\":[1,2.5,true,null]}}]", metadataJson);
        context.resetLimits();
    }

    /** Stops the running call within {@code grace}; returns false if it did not stop. Any thread. */
    boolean interrupt(Duration grace) {
        try {
            context.interrupt(grace);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        context.close(true);
    }
}
