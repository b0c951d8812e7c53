package dev.sluice.destinations;

import java.util.Map;

class WebhookDestinationTest extends DestinationConformanceTest {
    @Override
    protected String type() {
        return "webhook";
    }

    @Override
    protected FakeVendor startFake() {
        return new WebhookFake();
    }

    @Override
    protected Map<String, String> settings(FakeVendor fake) {
        return Map.of("url", fake.baseUrl() + "/hooks/sluice", "headers.Authorization", "Bearer " + WebhookFake.TOKEN);
    }

    @Override
    protected String credentialSetting() {
        return "headers.Authorization";
    }

    @Override
    protected String requiredSetting() {
        return "url";
    }

    @Override
    protected String urlSetting() {
        return "url";
    }
}
