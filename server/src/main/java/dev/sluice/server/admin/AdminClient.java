package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The CLI's side of the admin API: {@code sluice run --server URL} queues a run on a running
 * {@code sluice serve} and follows it. Thread-safe (the JDK client is).
 */
public final class AdminClient {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI server;
    private final String token;

    /** @param token the admin token; {@code null} fails with a message saying where to put it */
    public AdminClient(URI server, String token) {
        this.server = server;
        if (token == null || token.isBlank()) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, "--server needs the server's admin token: set"
                    + " SLUICE_ADMIN_TOKEN or pass --token");
        }
        this.token = token;
    }

    /** Queues a run; returns the run as the server describes it ({@code id}, {@code state}, ...). */
    public JsonNode startRun(List<String> select, List<String> exclude, boolean fullRefresh, int threads)
            throws InterruptedException {
        ObjectNode body = ApiJson.object();
        body.putArray("select").addAll(select.stream().map(s -> ApiJson.mapper().getNodeFactory().textNode(s)).toList());
        body.putArray("exclude").addAll(exclude.stream().map(s -> ApiJson.mapper().getNodeFactory().textNode(s)).toList());
        body.put("fullRefresh", fullRefresh).put("threads", threads).put("trigger", "cli");
        return send(HttpRequest.newBuilder(server.resolve("/api/runs")).POST(HttpRequest.BodyPublishers.ofString(
                body.toString())).header("Content-Type", "application/json"), 202);
    }

    public JsonNode run(String id) throws InterruptedException {
        return send(HttpRequest.newBuilder(server.resolve("/api/runs/" + id)).GET(), 200);
    }

    /**
     * Runs a command line in the server ({@code POST /api/commands}) and waits for it however long it takes (a
     * {@code build} may take hours).
     */
    public AdminCommands.Result command(List<String> args) throws InterruptedException {
        ObjectNode body = ApiJson.object();
        body.putArray("args").addAll(args.stream().map(arg -> ApiJson.mapper().getNodeFactory().textNode(arg)).toList());
        JsonNode json = exchange(HttpRequest.newBuilder(server.resolve("/api/commands")).POST(HttpRequest.BodyPublishers
                .ofString(body.toString())).header("Content-Type", "application/json"), 200);
        return new AdminCommands.Result(json.path("exitCode").asInt(1), json.path("out").asText(""),
                json.path("err").asText(""));
    }

    /**
     * Runs a command line in the server as {@link #command(List)} does, printing its output on {@code out} and
     * {@code err} as the server streams it (each flush of the command's output arrives as it happens), and returns
     * its exit code.
     */
    public int command(List<String> args, java.io.PrintWriter out, java.io.PrintWriter err) throws InterruptedException {
        ObjectNode body = ApiJson.object();
        body.putArray("args").addAll(args.stream().map(arg -> ApiJson.mapper().getNodeFactory().textNode(arg)).toList());
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/commands")).POST(HttpRequest.BodyPublishers
                .ofString(body.toString())).header("Content-Type", "application/json")
                .header("Accept", CommandStream.CONTENT_TYPE).header("Authorization", "Bearer " + token).build();
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.WAREHOUSE, "cannot reach the Sluice server at " + server + ": " + e
                    + "; is `sluice serve` running there?", e);
        }
        try (java.util.stream.Stream<String> lines = response.body()) {
            boolean streamed = response.statusCode() == 200 && response.headers().firstValue("Content-Type")
                    .orElse("").startsWith(CommandStream.CONTENT_TYPE);
            if (!streamed) {
                // An error, or a server that answers the whole output at once.
                JsonNode json = parse(String.join("\n", lines.toList()));
                if (response.statusCode() != 200 || json == null) {
                    throw new SluiceException(ErrorCode.WAREHOUSE, "the server at " + server + " answered "
                            + response.statusCode() + ": " + (json != null && json.has("message")
                                    ? json.get("message").asText() : String.valueOf(json)));
                }
                err.print(json.path("err").asText(""));
                err.flush();
                out.print(json.path("out").asText(""));
                out.flush();
                return json.path("exitCode").asInt(1);
            }
            java.util.Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                JsonNode json = parse(iterator.next());
                if (json == null) {
                    continue;
                }
                if (json.has("err")) {
                    err.print(json.get("err").asText());
                    err.flush();
                } else if (json.has("out")) {
                    out.print(json.get("out").asText());
                    out.flush();
                } else if (json.has("exitCode")) {
                    return json.get("exitCode").asInt();
                } else if (json.has("message")) {
                    throw new SluiceException(ErrorCode.WAREHOUSE, "the server at " + server + " could not run the"
                            + " command: " + json.get("message").asText());
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw new SluiceException(ErrorCode.WAREHOUSE, "the connection to the Sluice server at " + server
                    + " broke while the command ran: " + e.getCause(), e);
        }
        throw new SluiceException(ErrorCode.WAREHOUSE, "the server at " + server + " stopped answering before the"
                + " command finished (did it stop?)");
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : ApiJson.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code GET /api/transformations?limit=N}: every transformation with its newest {@code limit} log lines. */
    public JsonNode transformations(int limit) throws InterruptedException {
        return send(HttpRequest.newBuilder(server.resolve("/api/transformations?limit=" + limit)).GET(), 200);
    }

    /** With a time-out of a minute: for requests the server answers at once. */
    private JsonNode send(HttpRequest.Builder request, int expected) throws InterruptedException {
        return exchange(request.timeout(Duration.ofMinutes(1)), expected);
    }

    private JsonNode exchange(HttpRequest.Builder request, int expected) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request.header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.WAREHOUSE, "cannot reach the Sluice server at " + server + ": " + e
                    + "; is `sluice serve` running there?", e);
        }
        JsonNode json;
        try {
            json = ApiJson.mapper().readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        if (response.statusCode() != expected || json == null) {
            String message = json != null && json.has("message") ? json.get("message").asText() : response.body();
            throw new SluiceException(ErrorCode.WAREHOUSE, "the server at " + server + " answered "
                    + response.statusCode() + ": " + message);
        }
        return json;
    }
}
