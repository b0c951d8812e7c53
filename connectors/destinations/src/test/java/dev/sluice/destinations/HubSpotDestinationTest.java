package dev.sluice.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import dev.sluice.spi.destination.DestinationRowStatus;
import dev.sluice.spi.destination.Destinations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotDestinationTest extends DestinationConformanceTest {
    @Override
    protected String type() {
        return "hubspot";
    }

    @Override
    protected FakeVendor startFake() {
        return new HubSpotFake();
    }

    @Override
    protected Map<String, String> settings(FakeVendor fake) {
        return Map.of("token", HubSpotFake.TOKEN, "base_url", fake.baseUrl());
    }

    @Override
    protected String credentialSetting() {
        return "token";
    }

    @Override
    protected String urlSetting() {
        return "base_url";
    }

    /** Contacts are upserted by email: the key is the email. */
    @Override
    protected String key(int i) {
        return "user" + i + "@example.com";
    }

    @Test
    void anUpdateOfAnUnknownContactIsRefusedAloneFromA207() {
        try (Destination hubspot = Destinations.open("hubspot", settings(fake))) {
            hubspot.send(List.of(upsert(1, key(1))));
            List<DestinationRowResult> results = hubspot.send(List.of(
                    new DestinationRecord(key(1), DestinationOperation.UPDATE, Map.of("firstname", "Ada")),
                    new DestinationRecord(key(2), DestinationOperation.UPDATE, Map.of("firstname", "Grace"))));
            assertThat(results).extracting(DestinationRowResult::status).containsExactly(DestinationRowStatus.SENT,
                    DestinationRowStatus.REJECTED);
            assertThat(results.get(1).error()).startsWith("HubSpot refused it: OBJECT_NOT_FOUND: Could not get some");
            assertThat(fake.held().get(key(1))).containsEntry("firstname", "Ada");
        }
    }
}
