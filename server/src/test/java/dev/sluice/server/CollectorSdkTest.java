package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The official SDKs, pinned in {@code src/test/node/package-lock.json} and installed by
 * {@code .ci/run} ({@code npm ci}), send every call type to a real collector; the rows land in DuckDB.
 */
class CollectorSdkTest {
    static final Path NODE_PROJECT = Path.of("src", "test", "node");

    @TempDir
    Path directory;
    TestCollector collector;

    @BeforeEach
    void start() {
        assumeTrue(Files.isDirectory(NODE_PROJECT.resolve("node_modules")), "the SDKs are not installed: run"
                + " `npm ci` in server/src/test/node (.ci/run does) to run the real-client tests");
        collector = TestCollector.start(directory);
    }

    @AfterEach
    void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rudder, analytics-node", "segment, @segment/analytics-node"})
    void everyCallOfTheSdkLandsInTheEventsTable(String sdk, String library) throws Exception {
        runNode(sdk);
        collector.loadNow();

        String user = sdk + "-user";
        assertThat(collector.rows("select type from rudder.events where user_id = ? order by type", user))
                .containsExactly(List.of("alias"), List.of("group"), List.of("identify"), List.of("page"),
                        List.of("screen"), List.of("track"));
        assertThat(collector.rows("select event, properties->>'revenue', properties->>'currency', anonymous_id"
                + " from rudder.events where user_id = ? and type = 'track'", user))
                .containsExactly(List.of("Order Completed", "42.5", "EUR", sdk + "-anon"));
        assertThat(collector.rows("select traits->>'email' from rudder.events where user_id = ? and type = 'identify'", user))
                .containsExactly(List.of(sdk + "@example.com"));
        assertThat(collector.rows("select payload->>'name', properties->>'path' from rudder.events"
                + " where user_id = ? and type = 'page'", user)).containsExactly(List.of("Pricing", "/pricing"));
        assertThat(collector.rows("select payload->>'groupId' from rudder.events where user_id = ? and type = 'group'", user))
                .containsExactly(List.of(sdk + "-group"));
        assertThat(collector.rows("select payload->>'previousId' from rudder.events where user_id = ? and type = 'alias'", user))
                .containsExactly(List.of(sdk + "-anon"));
        assertThat(collector.rows("select count(distinct message_id), count(*) filter (where (context->'library'->>'name') = ?),"
                + " count(*) filter (where sent_at is not null and original_timestamp is not null and timestamp is not null"
                + " and received_at is not null and (context->>'ip') = '127.0.0.1') from rudder.events where user_id = ?",
                library, user)).containsExactly(List.of(6L, 6L, 6L));
    }

    private void runNode(String sdk) throws IOException, InterruptedException {
        Path log = directory.resolve(sdk + ".log");
        Process node = new ProcessBuilder("node", "send-events.js", sdk, "http://127.0.0.1:" + collector.service().port(),
                TestCollector.WEB_KEY).directory(NODE_PROJECT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        // A safety net so that a stuck SDK fails the test instead of hanging the build; not a timing assertion.
        boolean exited = node.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            node.destroyForcibly();
        }
        assertThat(exited && node.exitValue() == 0).as("node send-events.js %s:%n%s", sdk, Files.readString(log)).isTrue();
    }
}
