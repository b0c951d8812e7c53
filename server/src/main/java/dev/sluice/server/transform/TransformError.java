package dev.sluice.server.transform;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Why a transformation failed on an event, for the person reading the dead letter. Immutable.
 *
 * @param kind what went wrong
 * @param message the error's message, with file and line where JavaScript gave them
 * @param stack the JavaScript frames, innermost first ({@code at transformEvent (transformations/x.js:4:11)});
 *     empty when there were none
 */
public record TransformError(Kind kind, String message, List<String> stack) {
    /** The categories a dead letter is filed under. */
    public enum Kind {
        /** The code threw. */
        THREW,
        /** It returned something that is not an event, an array of events or null. */
        NOT_AN_EVENT,
        /** The call ran longer than the transformation's time-out. */
        TIMED_OUT,
        /** The call ran more statements than its limit. */
        STATEMENT_LIMIT
    }

    public TransformError {
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
        stack = List.copyOf(stack);
    }

    /** The message followed by the stack, one frame a line. */
    public String withStack() {
        return stack.isEmpty() ? message : message + "\n    " + String.join("\n    ", stack);
    }

    static TransformError describe(PolyglotException e, String file) {
        List<String> frames = new ArrayList<>();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && frame.getSourceLocation() != null
                    && !frame.getSourceLocation().getSource().isInternal()) {
                String function = frame.getRootName() == null || frame.getRootName().isEmpty() ? "<module>" : frame.getRootName();
                frames.add("at " + function + " (" + location(frame.getSourceLocation()) + ")");
            }
        }
        Kind kind = e.isResourceExhausted() ? Kind.STATEMENT_LIMIT
                : e.isCancelled() || e.isInterrupted() ? Kind.TIMED_OUT
                : isContract(e) ? Kind.NOT_AN_EVENT : Kind.THREW;
        String message = String.valueOf(e.getMessage());
        if (e.isSyntaxError() && e.getSourceLocation() != null) {
            message = location(e.getSourceLocation()) + ": " + message;
        } else if (kind == Kind.THREW && !frames.isEmpty()) {
            message = message + " (" + frames.get(0).replaceFirst("^at .* \\(", "").replaceFirst("\\)$", "") + ")";
        }
        return new TransformError(kind, message, frames);
    }

    private static boolean isContract(PolyglotException e) {
        if (!e.isGuestException() || e.getGuestObject() == null) {
            return false;
        }
        var marker = e.getGuestObject().hasMember("sluiceContract") ? e.getGuestObject().getMember("sluiceContract") : null;
        return marker != null && marker.isBoolean() && marker.asBoolean();
    }

    private static String location(SourceSection section) {
        String name = section.getSource().getPath() != null ? section.getSource().getPath() : section.getSource().getName();
        if (name.startsWith(LibraryFileSystem.ROOT + "/") && !name.endsWith(".js")) {
            name = name + ".js";
        }
        if (name.startsWith("/")) {
            name = name.substring(1);
        }
        return name + ":" + section.getStartLine() + ":" + section.getStartColumn();
    }
}
