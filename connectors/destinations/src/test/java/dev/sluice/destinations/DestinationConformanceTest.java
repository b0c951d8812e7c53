package dev.sluice.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationFailure;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import dev.sluice.spi.destination.DestinationRowStatus;
import dev.sluice.spi.destination.Destinations;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every destination must do, run against its vendor's fake. A subclass says how to start the fake,
 * which settings reach it, and what a record looks like for that vendor; what a destination does not
 * support it declares through its capabilities, and the tests that need it are skipped by them.
 */
public abstract class DestinationConformanceTest {
    protected FakeVendor fake;

    protected abstract String type();

    protected abstract FakeVendor startFake();

    /** Settings that reach the fake with valid credentials. */
    protected abstract Map<String, String> settings(FakeVendor fake);

    /** The setting that holds the credential. */
    protected abstract String credentialSetting();

    /** A setting without which the destination cannot open; the credential unless said otherwise. */
    protected String requiredSetting() {
        return credentialSetting();
    }

    /** The setting that holds the vendor's base URL. */
    protected abstract String urlSetting();

    protected String key(int i) {
        return "user-" + i;
    }

    protected Map<String, Object> fields(int i, String email) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", email);
        fields.put("first_name", "User " + i);
        return fields;
    }

    /** The field under which the fake holds the email. */
    protected String heldEmailField() {
        return "email";
    }

    @BeforeEach
    void startVendor() {
        fake = startFake();
    }

    @AfterEach
    void stopVendor() {
        fake.close();
    }

    @Test
    void theFactoryIsFoundThroughServiceLoader() {
        assertThat(Destinations.factories()).containsKey(type());
        try (Destination destination = open(settings(fake))) {
            assertThat(destination.capabilities().maxBatchSize()).isPositive();
            assertThat(destination.capabilities().operations()).contains(DestinationOperation.UPSERT);
        }
    }

    @Test
    void aMissingSettingIsNamed() {
        Map<String, String> settings = new HashMap<>(settings(fake));
        settings.remove(requiredSetting());
        DestinationException missing = catchThrowableOfType(DestinationException.class, () -> open(settings));
        assertThat(missing.failure()).isEqualTo(DestinationFailure.INVALID_SETTINGS);
        assertThat(missing.getMessage()).startsWith(type() + " destination: " + requiredSetting() + ": required");
    }

    @Test
    void aFullBatchIsDeliveredInOneRequestAndAnUpsertUpdates() {
        try (Destination destination = open(settings(fake))) {
            int size = Math.min(destination.capabilities().maxBatchSize(), 200);
            List<DestinationRecord> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(upsert(i, "user" + i + "@example.com"));
            }
            List<DestinationRowResult> results = destination.send(batch);
            assertThat(results).hasSize(size).allMatch(result -> result.status() == DestinationRowStatus.SENT);
            assertThat(results.stream().map(DestinationRowResult::key).toList())
                    .isEqualTo(batch.stream().map(DestinationRecord::key).toList());
            assertThat(fake.requests()).hasSize(1);
            assertThat(fake.held()).hasSize(size);
            assertThat(fake.held().get(key(3))).containsEntry(heldEmailField(), "user3@example.com");

            destination.send(List.of(upsert(3, "new3@example.com")));
            assertThat(fake.held()).hasSize(size);
            assertThat(fake.held().get(key(3))).containsEntry(heldEmailField(), "new3@example.com");
        }
    }

    @Test
    void aBadRecordIsRefusedAndItsNeighboursAreNot() {
        try (Destination destination = open(settings(fake))) {
            List<DestinationRecord> batch = List.of(upsert(1, "one@example.com"), upsert(2, "not-an-email"),
                    upsert(3, "three@example.com"));
            List<DestinationRowResult> results;
            try {
                results = destination.send(batch);
            } catch (DestinationException e) {
                // The vendor refuses whole batches: the engine splits them; alone, the bad record is refused.
                assertThat(e.failure()).isEqualTo(DestinationFailure.REJECTED);
                assertThat(e.httpStatus()).isBetween(400, 499);
                assertThat(fake.held()).isEmpty();
                assertThatThrownBy(() -> destination.send(List.of(batch.get(1))))
                        .isInstanceOfSatisfying(DestinationException.class,
                                alone -> assertThat(alone.failure()).isEqualTo(DestinationFailure.REJECTED));
                return;
            }
            assertThat(results).extracting(DestinationRowResult::status).containsExactly(DestinationRowStatus.SENT,
                    DestinationRowStatus.REJECTED, DestinationRowStatus.SENT);
            assertThat(results.get(1).error()).isNotBlank();
            assertThat(fake.held()).containsOnlyKeys(key(1), key(3));
        }
    }

    @Test
    void refusedCredentialsStopTheRun() {
        Map<String, String> settings = new HashMap<>(settings(fake));
        settings.put(credentialSetting(), "wrong");
        try (Destination destination = open(settings)) {
            assertThatThrownBy(() -> destination.send(List.of(upsert(1, "one@example.com"))))
                    .isInstanceOfSatisfying(DestinationException.class, e -> {
                        assertThat(e.failure()).isEqualTo(DestinationFailure.AUTHENTICATION);
                        assertThat(e.getMessage()).contains(String.valueOf(e.httpStatus()));
                    });
        }
        assertThat(fake.held()).isEmpty();
    }

    @Test
    void aRateLimitSaysHowLongToWaitAndAServerErrorIsTransient() {
        try (Destination destination = open(settings(fake))) {
            fake.rateLimitNext(Duration.ofSeconds(7)).serverErrorNext();
            DestinationException limited = catchThrowableOfType(DestinationException.class,
                    () -> destination.send(List.of(upsert(1, "one@example.com"))));
            assertThat(limited.failure()).isEqualTo(DestinationFailure.RATE_LIMITED);
            assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
            DestinationException broken = catchThrowableOfType(DestinationException.class,
                    () -> destination.send(List.of(upsert(1, "one@example.com"))));
            assertThat(broken.failure()).isEqualTo(DestinationFailure.TRANSIENT);
            assertThat(destination.send(List.of(upsert(1, "one@example.com")))).extracting(
                    DestinationRowResult::status).containsExactly(DestinationRowStatus.SENT);
        }
    }

    @Test
    void aVendorThatCannotBeReachedIsUnreachableNamingTheHost() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertUnreachable("http://127.0.0.1:" + closedPort, "connection refused by 127.0.0.1:" + closedPort);
        // .invalid never resolves (RFC 2606).
        assertUnreachable("http://sluice-test.invalid", "unknown host sluice-test.invalid");
    }

    private void assertUnreachable(String baseUrl, String why) {
        Map<String, String> settings = new HashMap<>(settings(fake));
        settings.put(urlSetting(), settings.get(urlSetting()).replace(fake.baseUrl(), baseUrl));
        try (Destination destination = open(settings)) {
            assertThatThrownBy(() -> destination.send(List.of(upsert(1, "one@example.com"))))
                    .isInstanceOfSatisfying(DestinationException.class, e -> {
                        assertThat(e.failure()).isEqualTo(DestinationFailure.UNREACHABLE);
                        assertThat(e.httpStatus()).isZero();
                        assertThat(e.getMessage()).endsWith(" could not be sent: " + why);
                    });
        }
    }

    @Test
    void aDeleteRemovesWhatTheVendorHolds() {
        try (Destination destination = open(settings(fake))) {
            if (!destination.capabilities().operations().contains(DestinationOperation.DELETE)) {
                return;
            }
            destination.send(List.of(upsert(1, "one@example.com"), upsert(2, "two@example.com")));
            List<DestinationRowResult> results = destination.send(List.of(
                    new DestinationRecord(key(1), DestinationOperation.DELETE, Map.of()),
                    upsert(3, "three@example.com")));
            assertThat(results).extracting(DestinationRowResult::status).containsOnly(DestinationRowStatus.SENT);
            assertThat(fake.held()).containsOnlyKeys(key(2), key(3));
        }
    }

    protected DestinationRecord upsert(int i, String email) {
        return new DestinationRecord(key(i), DestinationOperation.UPSERT, fields(i, email));
    }

    private Destination open(Map<String, String> settings) {
        return Destinations.open(type(), settings);
    }
}
