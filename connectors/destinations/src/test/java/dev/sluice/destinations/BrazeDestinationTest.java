package dev.sluice.destinations;

import java.util.Map;

class BrazeDestinationTest extends DestinationConformanceTest {
    @Override
    protected String type() {
        return "braze";
    }

    @Override
    protected FakeVendor startFake() {
        return new BrazeFake();
    }

    @Override
    protected Map<String, String> settings(FakeVendor fake) {
        return Map.of("api_key", BrazeFake.API_KEY, "rest_endpoint", fake.baseUrl());
    }

    @Override
    protected String credentialSetting() {
        return "api_key";
    }

    @Override
    protected String urlSetting() {
        return "rest_endpoint";
    }
}
