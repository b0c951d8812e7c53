package dev.sluice.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationFailure;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.Destinations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerIoDestinationTest extends DestinationConformanceTest {
    @Override
    protected String type() {
        return "customerio";
    }

    @Override
    protected FakeVendor startFake() {
        return new CustomerIoFake();
    }

    @Override
    protected Map<String, String> settings(FakeVendor fake) {
        return Map.of("site_id", CustomerIoFake.SITE_ID, "api_key", CustomerIoFake.API_KEY, "base_url", fake.baseUrl());
    }

    @Override
    protected String credentialSetting() {
        return "api_key";
    }

    @Override
    protected String urlSetting() {
        return "base_url";
    }

    @Test
    void aBatchOver500KbIsRefusedBeforeItIsSentSoTheEngineSplitsIt() {
        try (Destination customerIo = Destinations.open("customerio", settings(fake))) {
            List<DestinationRecord> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                batch.add(new DestinationRecord(key(i), DestinationOperation.UPSERT, Map.of("bio", "x".repeat(2000))));
            }
            DestinationException tooLarge = org.assertj.core.api.Assertions.catchThrowableOfType(
                    DestinationException.class, () -> customerIo.send(batch));
            assertThat(tooLarge.failure()).isEqualTo(DestinationFailure.REJECTED);
            assertThat(fake.requests()).isEmpty();
            assertThat(customerIo.send(batch.subList(0, 150))).hasSize(150);
        }
    }
}
