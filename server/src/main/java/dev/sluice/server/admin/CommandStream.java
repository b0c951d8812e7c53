package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.SluiceException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /api/commands} answered while the command runs ({@code Accept: application/x-ndjson}): one JSON
 * object per line, {@code {"err": "..."}} or {@code {"out": "..."}} each time the command flushes what it printed,
 * then {@code {"exitCode": 0}}, or {@code {"error": "...", "code": "..."}} when it could not run to the end. This is
 * how the CLI beside a server prints a long {@code build} model by model.
 *
 * <p>Thread-safe: the command prints from its own threads; each line is written and flushed under this object's
 * lock. A client that went away stops the writing, not the command.
 */
final class CommandStream implements AdminCommands.Output {
    static final String CONTENT_TYPE = "application/x-ndjson";

    private final OutputStream body;
    /** Whether the client stopped reading. Guarded by this object's lock. */
    private boolean gone;

    private CommandStream(OutputStream body) {
        this.body = body;
    }

    /** Runs the command, writing its output to {@code body} as it comes, and the exit code last. */
    static void write(AdminCommands commands, List<String> args, OutputStream body) throws InterruptedException {
        CommandStream stream = new CommandStream(body);
        ObjectNode last;
        try {
            last = ApiJson.object().put("exitCode", commands.run(args, stream).exitCode());
        } catch (AdminCommands.Refused e) {
            last = ApiJson.error("BAD_REQUEST", e.getMessage());
        } catch (SluiceException e) {
            last = ApiJson.error(e.code().name(), e.getMessage());
        } catch (IllegalStateException e) {
            last = ApiJson.error("STOPPING", e.getMessage());
        }
        stream.line(last);
    }

    @Override
    public void out(String text) {
        if (!text.isEmpty()) {
            line(ApiJson.object().put("out", text));
        }
    }

    @Override
    public void err(String text) {
        if (!text.isEmpty()) {
            line(ApiJson.object().put("err", text));
        }
    }

    private synchronized void line(ObjectNode json) {
        if (gone) {
            return;
        }
        try {
            body.write((json.toString() + "\n").getBytes(StandardCharsets.UTF_8));
            body.flush();
        } catch (IOException e) {
            gone = true;
        }
    }
}
