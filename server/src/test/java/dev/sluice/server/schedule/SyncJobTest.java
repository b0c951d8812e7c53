package dev.sluice.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.engine.Workspace;
import dev.sluice.server.StarterProject;
import dev.sluice.server.run.RunService;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schedule's {@code sync: NAME} runs the reverse-ETL sync as {@code sluice sync NAME} does. */
class SyncJobTest {
    @TempDir
    Path directory;
    HttpServer hook;
    final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            try (exchange) {
                received.addAndGet(new ObjectMapper().readTree(exchange.getRequestBody()).size());
                exchange.sendResponseHeaders(200, -1);
            }
        });
        hook.start();
        StarterProject.build(directory);
        StarterProject.writeUsersHook(directory, hook.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        hook.stop(0);
    }

    @Test
    void aScheduledSyncSendsWhatChangedAndThenNothing() throws Exception {
        ScheduledTask task = new SyncJob().parse("crm", new ObjectMapper().readTree("\"users_hook\""), "schedules.crm.sync");
        assertThat(task.describe()).isEqualTo("sync users_hook");
        try (Workspace workspace = Workspace.open(directory, null);
                RunService runs = new RunService(workspace, Clock.systemUTC(), List.of())) {
            JobContext context = new JobContext(workspace, runs, null);
            JobOutcome first = task.execute(context);
            assertThat(first.status()).as(first.message()).isEqualTo(JobOutcome.Status.SUCCESS);
            assertThat(first.message()).isEqualTo("sent 3, rejected 0, failed 0, pending 0");
            assertThat(received.get()).isEqualTo(3);
            JobOutcome second = task.execute(context);
            assertThat(second.message()).isEqualTo("sent 0, rejected 0, failed 0, pending 0");
            assertThat(received.get()).isEqualTo(3);

            ScheduledTask missing = new SyncJob().parse("x", new ObjectMapper().readTree("\"nope\""), "schedules.x.sync");
            assertThat(missing.execute(context).message()).contains("sync nope:");
        }
    }
}
