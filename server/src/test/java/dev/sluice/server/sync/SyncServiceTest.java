package dev.sluice.server.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.engine.sync.SyncException;
import dev.sluice.engine.sync.SyncListener;
import dev.sluice.engine.sync.SyncOptions;
import dev.sluice.server.StarterProject;
import dev.sluice.server.TestServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one sync path: a sync runs once at a time, observers hear each real run, dry runs are not counted. */
class SyncServiceTest {
    @TempDir
    Path directory;

    @Test
    void aRunningSyncIsNotStartedTwiceAndObserversHearEachRealRun() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                release.await();
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hook.start();
        List<String> heard = new CopyOnWriteArrayList<>();
        SyncObserver observer = new SyncObserver() {
            @Override
            public SyncListener started(SyncDefinition sync) {
                heard.add("started " + sync.name());
                return SyncListener.NONE;
            }

            @Override
            public void finished(SyncDefinition sync, String status, long nanos) {
                heard.add("finished " + sync.name() + " " + status);
            }
        };
        try {
            StarterProject.build(directory);
            StarterProject.writeUsersHook(directory, hook.getAddress().getPort());
            try (Workspace workspace = Workspace.open(directory, null);
                    SyncService syncs = new SyncService(workspace, List.of(observer))) {
                assertThat(syncs.run("users_hook", SyncOptions.of(true, false), SyncListener.NONE).plan().total())
                        .isEqualTo(3);
                assertThat(heard).as("dry runs are not observed").isEmpty();

                syncs.start("users_hook");
                TestServer.await("the run to start", () -> syncs.running("users_hook"));
                assertThatThrownBy(() -> syncs.start("users_hook")).isInstanceOf(SyncException.class)
                        .hasMessage("sync users_hook is already running in this process; wait for it to finish"
                                + " (its status is in sluice.sync_runs)");
                assertThatThrownBy(() -> syncs.run("users_hook", SyncOptions.of(false, false), SyncListener.NONE))
                        .isInstanceOf(SyncException.class).hasMessageContaining("already running");
                assertThatThrownBy(() -> syncs.start("user_hook")).isInstanceOf(SyncException.class)
                        .hasMessageContaining("no sync named \"user_hook\"; did you mean \"users_hook\"?");

                release.countDown();
                TestServer.await("the run to end", () -> !syncs.running("users_hook"));
                syncs.shutdown(Duration.ofMinutes(1));
                assertThat(heard).containsExactly("started users_hook", "finished users_hook succeeded");
                assertThatThrownBy(() -> syncs.start("users_hook")).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("stopping");
            }
        } finally {
            release.countDown();
            hook.stop(0);
        }
    }
}
