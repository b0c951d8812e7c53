package dev.sluice.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.sync.HookServer.Answer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync pointed at the wrong place (a path that answers 404, a port nobody listens on) and then fixed,
 * through the real webhook connector and a local HTTP server: no row is refused for the destination's
 * fault, and refused rows stay counted.
 */
class SyncEndpointTest {
    private static final String SYNC = "primary_key: user_id\nmapping: {email: email}\nbatch_size: 10\n"
            + "concurrency: 2\n";
    @TempDir
    Path directory;
    SyncFixture fixture;
    HookServer hook;

    @BeforeEach
    void open() {
        fixture = new SyncFixture(directory);
        fixture.customers(0, 50);
        hook = new HookServer();
    }

    @AfterEach
    void close() {
        hook.close();
        fixture.close();
    }

    @Test
    void anAddressAnswering404FailsTheRunWithoutRefusingRowsAndTheFixedAddressGetsThemAll() {
        fixture.webhookSync(hook.url().replace("/hook", "/hooks"), SYNC);
        assertThatThrownBy(fixture::run).isInstanceOf(SyncException.class).hasMessageStartingWith(
                "syncs/crm.yml: destination: webhook stopped the run: webhook 127.0.0.1 answered 404:"
                        + " {\"error\":\"no such endpoint\"} (before it accepted any request of this run: its"
                        + " address is wrong; check the destination's settings)");
        assertThat(hook.statuses()).as("no batch is split to find bad rows").hasSizeLessThanOrEqualTo(2)
                .containsOnly(404);
        assertNothingRefused();

        List<String> heard = new ArrayList<>();
        fixture.webhookSync(hook.url(), SYNC);
        SyncRunResult fixed = fixture.run(SyncOptions.of(false, false), changes(heard));
        assertThat(fixed.sent()).isEqualTo(50);
        assertThat(hook.received()).hasSize(50);
        assertThat(heard).containsExactly("destination.url");
        assertThat(fixture.run().plan().total()).isZero();
    }

    @Test
    void anUnreachableDestinationFailsTheRunWithoutFailingRows() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        fixture.webhookSync("http://127.0.0.1:" + closedPort + "/hook", SYNC + "retries: 2\n");
        assertThatThrownBy(fixture::run).isInstanceOf(SyncException.class).hasMessageStartingWith(
                "syncs/crm.yml: destination: webhook stopped the run: webhook 127.0.0.1: POST /hook could not be"
                        + " sent: connection refused by 127.0.0.1:" + closedPort + " (gave up after 3 attempts; the"
                        + " destination has accepted no request of this run)");
        assertNothingRefused();
        assertThat(fixture.query("select count(*) from sluice.sync_results")).containsExactly(List.of(0L));

        fixture.webhookSync(hook.url(), SYNC);
        assertThat(fixture.run().sent()).isEqualTo(50);
        assertThat(hook.received().values()).hasSize(50).containsOnly(1);
    }

    @Test
    void serverErrorsOnEveryRequestFailTheRunAndLeaveEveryRowForTheNext() {
        hook.policy((number, keys, headers) -> new Answer(503, Map.of(), "{\"error\":\"down\"}"));
        fixture.webhookSync(hook.url(), SYNC + "retries: 1\n");
        assertThatThrownBy(fixture::run).isInstanceOf(SyncException.class).hasMessageContaining(
                "answered 503: {\"error\":\"down\"} (gave up after 2 attempts; the destination has accepted no request"
                        + " of this run)");
        assertNothingRefused();
        hook.policy((number, keys, headers) -> Answer.ok());
        assertThat(fixture.run().sent()).isEqualTo(50);
    }

    @Test
    void a404AfterTheDestinationAcceptedRequestsRefusesOnlyTheRowsItNames() {
        // An endpoint that answers 404 for a batch holding an object it does not know: the address is right.
        // u8 is in the last batch (keys are sent in text order).
        hook.policy((number, keys, headers) -> keys.contains("u8")
                ? new Answer(404, Map.of(), "{\"error\":\"no object u8\"}") : Answer.ok());
        fixture.webhookSync(hook.url(), "primary_key: user_id\nmapping: {email: email}\nbatch_size: 10\n"
                + "concurrency: 1\n");
        SyncRunResult result = fixture.run();
        assertThat(result.sent()).isEqualTo(49);
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(fixture.query("select row_key from sluice.sync_rejects__crm")).containsExactly(List.of("u8"));
    }

    @Test
    void rowsOutOfAttemptsStayCountedAndAreTriedAgainWhenTheDestinationChanges() {
        hook.policy((number, keys, headers) -> keys.contains("u5")
                ? new Answer(422, Map.of(), "{\"error\":\"invalid email\"}") : Answer.ok());
        fixture.webhookSync(hook.url(), SYNC + "max_attempts: 1\n");
        SyncRunResult first = fixture.run();
        assertThat(first.rejected()).isEqualTo(1);
        SyncDefinition sync = Syncs.find(fixture.project.workspace().project(), "crm");
        assertThat(fixture.run().plan().total()).as("out of attempts").isZero();
        assertThat(SyncRuns.givenUp(fixture.project.workspace().warehouse(), sync)).isEqualTo(1);

        // The same tool under a new address (a query string the server ignores).
        fixture.webhookSync(hook.url() + "?v=2", SYNC + "max_attempts: 1\n");
        List<String> heard = new ArrayList<>();
        SyncRunResult dry = fixture.run(SyncOptions.of(true, false), changes(heard));
        assertThat(dry.plan().added()).as("a dry run shows the refused row tried again").isEqualTo(1);
        assertThat(heard).containsExactly("destination.url");
        assertThat(SyncRuns.givenUp(fixture.project.workspace().warehouse(), sync)).as("a dry run changes nothing")
                .isEqualTo(1);

        hook.policy((number, keys, headers) -> Answer.ok());
        SyncRunResult retried = fixture.run(SyncOptions.of(false, false), changes(heard));
        assertThat(retried.sent()).isEqualTo(1);
        assertThat(hook.received()).containsEntry("u5", 1).hasSize(50);
        assertThat(SyncRuns.givenUp(fixture.project.workspace().warehouse(), sync)).isZero();
        heard.clear();
        fixture.run(SyncOptions.of(false, false), changes(heard));
        assertThat(heard).as("the new settings are recorded").isEmpty();
    }

    private void assertNothingRefused() {
        assertThat(fixture.query("select count(*) from sluice.sync_rejects__crm")).containsExactly(List.of(0L));
        assertThat(fixture.query("select count(*) from sluice.sync_results where status <> 'sent'"))
                .containsExactly(List.of(0L));
        SyncRuns.SyncRunRecord run = SyncRuns.latest(fixture.project.workspace().warehouse(), "crm").orElseThrow();
        assertThat(run.status()).isEqualTo("failed");
        assertThat(run.pending()).isEqualTo(50);
        assertThat(fixture.query("select count(*) from sluice.sync_state__crm")).containsExactly(List.of(0L));
    }

    private static SyncListener changes(List<String> heard) {
        return new SyncListener() {
            @Override
            public void destinationChanged(List<String> settings) {
                heard.addAll(settings);
            }
        };
    }
}
