package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.collect.CollectorConfig;
import dev.sluice.server.collect.CollectorConfigReader;
import dev.sluice.server.collect.CollectorListener;
import dev.sluice.server.collect.SourceTransformer;
import dev.sluice.server.load.LoadListener;
import dev.sluice.server.transform.SourceTransformations;
import dev.sluice.server.transform.TransformationConfigReader;
import dev.sluice.server.transform.TransformationFiles;
import dev.sluice.server.transform.Transformations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice serve} in a child JVM under a steady stream of batches is SIGKILLed. After a
 * restart, every acknowledged messageId is in the warehouse exactly once, also when clients retry,
 * and, for a source with a transformation, transformed (also the requests the kill left untransformed).
 */
class CollectorKillTest {
    static final String KEY = "kill-test-key";
    static final int SENDERS = 4;
    static final int EVENTS_PER_BATCH = 10;
    static final int KILL_AFTER_ACKNOWLEDGED = 4_000;
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    @TempDir
    Path project;

    @Test
    void everyAcknowledgedEventIsLoadedExactlyOnceAfterASigkill() throws Exception {
        Files.writeString(project.resolve("sluice.yml"), """
                name: kill_test
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                collector:
                  load-interval: 100ms
                  sources:
                    web:
                      write-key: %s
                      schema: rudder
                """.formatted(KEY));
        killAndRestart(null);
    }

    /**
     * With a transformation slower than the senders, the kill leaves requests that were acknowledged but not yet
     * transformed: the restart transforms them, and each lands once, transformed.
     */
    @Test
    void everyAcknowledgedEventIsTransformedAndLoadedExactlyOnceAfterASigkill() throws Exception {
        Files.createDirectories(project.resolve("transformations"));
        Files.writeString(project.resolve("transformations/slow_tag.js"), """
                export function transformEvent(event) {
                  let sum = 0;
                  for (let i = 0; i < 3000; i++) { sum += i; }
                  event.properties = { tagged: sum };
                  return event;
                }
                """);
        Files.writeString(project.resolve("sluice.yml"), """
                name: kill_test
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                collector:
                  load-interval: 100ms
                  sources:
                    web:
                      write-key: %s
                      schema: rudder
                      transformations: [slow_tag]
                  transformations:
                    slow_tag:
                      timeout: 60s
                """.formatted(KEY));
        try (Transformations transformations = new Transformations(TransformationFiles.read(project),
                TransformationConfigReader.read(project), Clock.systemUTC())) {
            killAndRestart(transformations);
        }
    }

    private void killAndRestart(Transformations transformations) throws Exception {
        Process child = startServe();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<List<String>> acknowledgedBatches = new CopyOnWriteArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger nextBatch = new AtomicInteger();
        try {
            Http http = new Http(port(child));
            List<Thread> senders = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                Thread thread = new Thread(() -> {
                    while (!killed.get()) {
                        List<String> ids = ids(nextBatch.getAndIncrement());
                        try {
                            if (http.post("/v1/batch", KEY, batch(ids)).status() == 200) {
                                acknowledged.addAll(ids);
                                acknowledgedBatches.add(ids);
                            }
                        } catch (UncheckedIOException e) {
                            return; // the server died mid-request: not acknowledged
                        }
                        if (acknowledged.size() >= KILL_AFTER_ACKNOWLEDGED && killed.compareAndSet(false, true)) {
                            child.destroyForcibly(); // SIGKILL, while the other senders are mid-request
                        }
                    }
                }, "sender-" + sender);
                thread.start();
                senders.add(thread);
            }
            for (Thread thread : senders) {
                thread.join();
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(child.exitValue()).as("killed, not stopped cleanly").isEqualTo(137);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);

        CollectorConfig config = new CollectorConfigReader(EnvironmentInterpolator.system()).read(project).withPort(0);
        SourceTransformer transformer = transformations == null ? SourceTransformer.NONE
                : new SourceTransformations(config.sources(), transformations);
        try (Workspace workspace = Workspace.open(project, null);
                CollectorService restarted = CollectorService.start(workspace.warehouse(), config, "127.0.0.1",
                        Clock.systemUTC(), List.of(), CollectorListener.NONE, LoadListener.NONE, transformer)) {
            if (transformations != null) {
                assertThat(transformations.stats().get("slow_tag").received())
                        .as("acknowledged requests were left untransformed by the kill, and transformed at the restart")
                        .isPositive();
            }
            // Clients whose last batches were acknowledged retry some of them anyway.
            Http http = new Http(restarted.port());
            for (List<String> ids : acknowledgedBatches.subList(acknowledgedBatches.size() - 20, acknowledgedBatches.size())) {
                assertThat(http.post("/v1/batch", KEY, batch(ids)).status()).isEqualTo(200);
            }
            restarted.loadNow();

            Map<String, Long> loaded = loadedCounts(workspace);
            assertThat(loaded.keySet()).containsAll(acknowledged);
            assertThat(loaded.values()).as("no messageId twice").allMatch(count -> count == 1);
            assertThat(loaded.keySet()).as("nothing that was never sent").allMatch(id -> id.startsWith("kill-"));
            if (transformations != null) {
                assertThat(count(workspace, "select count(*) from rudder.events where properties->>'tagged' is null"))
                        .as("every event transformed").isZero();
                assertThat(count(workspace, "select count(*) from sluice.transformation_failures")).isZero();
            }
        }
    }

    private static long count(Workspace workspace, String sql) {
        try (var session = workspace.warehouse().openSession(); var cursor = session.query(sql)) {
            cursor.next();
            return ((Number) cursor.get(0)).longValue();
        }
    }

    private Process startServe() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.SluiceCommand", "serve", "--port", "0",
                "--host", "127.0.0.1", "--project", project.toString());
        builder.redirectError(project.resolve("serve.err").toFile());
        return builder.start();
    }

    private int port(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("sluice serve exited before listening; its stderr:\n"
                + Files.readString(project.resolve("serve.err")));
    }

    private static List<String> ids(int batch) {
        List<String> ids = new ArrayList<>(EVENTS_PER_BATCH);
        for (int event = 0; event < EVENTS_PER_BATCH; event++) {
            ids.add("kill-" + batch + "-" + event);
        }
        return ids;
    }

    private static String batch(List<String> ids) {
        StringBuilder json = new StringBuilder("{\"batch\": [");
        for (int index = 0; index < ids.size(); index++) {
            json.append(index == 0 ? "" : ",").append("{\"type\": \"track\", \"event\": \"Tick\", \"anonymousId\": \"a\",")
                    .append(" \"messageId\": \"").append(ids.get(index)).append("\"}");
        }
        return json.append("]}").toString();
    }

    private static Map<String, Long> loadedCounts(Workspace workspace) {
        Map<String, Long> counts = new HashMap<>();
        try (var session = workspace.warehouse().openSession();
                var cursor = session.query("select message_id, count(*) from rudder.events group by message_id")) {
            while (cursor.next()) {
                counts.put((String) cursor.get(0), ((Number) cursor.get(1)).longValue());
            }
        }
        return counts;
    }
}
