package dev.sluice.server.realtime;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.Http;
import dev.sluice.server.SluiceServer;
import dev.sluice.server.TestServer;
import dev.sluice.server.admin.AdminConfig;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * A project whose collector has real-time destinations, run as {@code sluice serve} runs it: its
 * {@code sluice.yml} (source {@code web} with key {@value #KEY}, the given {@code destinations:} block),
 * transformation and template files, a DuckDB file, the spool, the HTTP API on a free port.
 */
final class RealtimeProject implements AutoCloseable {
    static final String KEY = "rt-write-key";

    private final Path directory;
    private Workspace workspace;
    private SluiceServer server;

    /** @param destinations the YAML under {@code collector.destinations:}, indented by 4 */
    RealtimeProject(Path directory, String destinations) {
        this.directory = directory;
        write("sluice.yml", """
                name: realtime_test
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                collector:
                  load-interval: 1m
                  sources:
                    web:
                      write-key: %s
                      schema: rudder
                  destinations:
                %s""".formatted(KEY, destinations));
    }

    RealtimeProject write(String path, String text) {
        try {
            Files.createDirectories(directory.resolve(path).getParent());
            Files.writeString(directory.resolve(path), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    RealtimeProject start() {
        return start(AdminConfig.DISABLED);
    }

    /** With the admin API and console on, guarded by {@link TestServer#ADMIN_TOKEN}. */
    RealtimeProject startWithAdmin() {
        return start(TestServer.ADMIN);
    }

    private RealtimeProject start(AdminConfig admin) {
        CollectorConfig config = new CollectorConfigReader(EnvironmentInterpolator.system()).read(directory).withPort(0);
        workspace = Workspace.open(directory, null);
        try {
            server = SluiceServer.start(workspace, config, List.of(), admin, "127.0.0.1", Clock.systemUTC());
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
        return this;
    }

    /** Stops gracefully (the destinations get their drain time). */
    void stop() {
        try {
            server.close();
        } finally {
            server = null;
            workspace.close();
        }
    }

    SluiceServer server() {
        return server;
    }

    Workspace workspace() {
        return workspace;
    }

    Path directory() {
        return directory;
    }

    RealtimeDestinations destinations() {
        return server.destinations();
    }

    Http http() {
        return new Http(server.port());
    }

    int port() {
        return server.port();
    }

    /** Posts a batch; fails unless the collector acknowledged it. */
    void send(String... events) {
        Http.Response response = http().post("/v1/batch", KEY, "{\"batch\": [" + String.join(",", events) + "]}");
        if (response.status() != 200) {
            throw new AssertionError("the collector refused the batch: " + response);
        }
    }

    static String track(String messageId, String userId, String event, int sequence) {
        return "{\"type\": \"track\", \"messageId\": \"" + messageId + "\", \"userId\": \"" + userId
                + "\", \"event\": \"" + event + "\", \"properties\": {\"sequence\": " + sequence + "}}";
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
