package dev.sluice.server.realtime;

import static dev.sluice.server.TestServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice serve} in a child JVM, delivering to a slow local webhook while clients send, is
 * SIGKILLed. After a restart every acknowledged event reaches the webhook; an event arrives twice only
 * if it had already arrived before the kill (at least once, never lost), and each user's events still
 * arrive in order.
 */
class DestinationKillTest {
    private static final int SENDERS = 4;
    private static final int EVENTS_PER_BATCH = 10;
    private static final int KILL_AFTER_ACKNOWLEDGED = 800;
    private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

    @TempDir
    Path project;

    @Test
    void everyAcknowledgedEventIsDeliveredAfterASigkillWhileDelivering() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.delay(3);
            RealtimeProject sluice = new RealtimeProject(project, """
                        hook:
                          type: webhook
                          settings:
                            url: %s
                            batch: false
                          lanes: 4
                    """.formatted(receiver.url()));
            long started = System.nanoTime();
            Process child = startServe();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger receivedBeforeKill = new AtomicInteger();
            try {
                Http http = new Http(port(child));
                System.out.printf("kill test: child listening after %d ms%n", (System.nanoTime() - started) / 1_000_000);
                List<Thread> senders = new ArrayList<>();
                for (int sender = 0; sender < SENDERS; sender++) {
                    int user = sender;
                    Thread thread = new Thread(() -> {
                        for (int batch = 0; !killed.get(); batch++) {
                            List<String> events = new ArrayList<>();
                            List<String> ids = new ArrayList<>();
                            for (int event = 0; event < EVENTS_PER_BATCH; event++) {
                                int sequence = batch * EVENTS_PER_BATCH + event;
                                String id = "kill-" + user + "-" + sequence;
                                ids.add(id);
                                events.add(RealtimeProject.track(id, "user-" + user, "Tick", sequence));
                            }
                            try {
                                if (http.post("/v1/batch", RealtimeProject.KEY, "{\"batch\": [" + String.join(",", events)
                                        + "]}").status() == 200) {
                                    acknowledged.addAll(ids);
                                }
                            } catch (UncheckedIOException e) {
                                return; // the server died mid-request: not acknowledged
                            }
                            if (acknowledged.size() >= KILL_AFTER_ACKNOWLEDGED && !receiver.accepted().isEmpty()
                                    && killed.compareAndSet(false, true)) {
                                receivedBeforeKill.set(receiver.accepted().size());
                                child.destroyForcibly(); // SIGKILL, while it delivers and the other senders send
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
            Thread.sleep(50); // requests the webhook was answering when the sender died
            List<String> beforeRestart = receiver.acceptedIds();
            assertThat(beforeRestart.size()).as("it was delivering when killed").isLessThan(acknowledged.size());

            System.out.printf("kill test: killed after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            sluice.start();
            System.out.printf("kill test: restarted after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            try {
                await("every acknowledged event at the webhook", () -> new HashSet<>(receiver.acceptedIds())
                        .containsAll(acknowledged));
                await("the queue drained", () -> sluice.destinations().status("hook").orElseThrow().queuedBytes() == 0
                        && sluice.destinations().status("hook").orElseThrow().inFlight() == 0);
                System.out.printf("kill test: drained after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            } finally {
                sluice.stop();
            }
            List<String> ids = receiver.acceptedIds();
            assertThat(ids).as("nothing that was never sent").allMatch(id -> id.startsWith("kill-"));
            Map<String, Integer> counts = receiver.acceptedCounts();
            Set<String> duplicated = new HashSet<>();
            counts.forEach((id, count) -> {
                if (count > 1) {
                    duplicated.add(id);
                }
            });
            assertThat(counts.values()).as("at most once before and once after the kill").allMatch(count -> count <= 2);
            assertThat(new HashSet<>(beforeRestart)).as("only events delivered before the kill are delivered again")
                    .containsAll(duplicated);
            // Each user's events arrive in order, counting each event where it first arrived.
            Map<String, List<Integer>> firstArrivals = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (String id : ids) {
                if (seen.add(id)) {
                    String[] parts = id.split("-");
                    firstArrivals.computeIfAbsent(parts[1], user -> new ArrayList<>()).add(Integer.parseInt(parts[2]));
                }
            }
            firstArrivals.values().forEach(sequence -> assertThat(sequence).isSorted());
            System.out.printf("kill test: %d acknowledged, %d delivered before the kill, %d delivered again after it%n",
                    acknowledged.size(), beforeRestart.size(), duplicated.size());
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
}
