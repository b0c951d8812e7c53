package dev.sluice.destinations;

import java.util.LinkedHashMap;
import java.util.Map;

class SalesforceDestinationTest extends DestinationConformanceTest {
    @Override
    protected String type() {
        return "salesforce";
    }

    @Override
    protected FakeVendor startFake() {
        return new SalesforceFake();
    }

    @Override
    protected Map<String, String> settings(FakeVendor fake) {
        return Map.of("instance_url", fake.baseUrl(), "access_token", SalesforceFake.TOKEN, "object", "Contact",
                "external_id", "External_Id__c");
    }

    @Override
    protected String credentialSetting() {
        return "access_token";
    }

    @Override
    protected String urlSetting() {
        return "instance_url";
    }

    @Override
    protected Map<String, Object> fields(int i, String email) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Email", email);
        fields.put("LastName", "User " + i);
        return fields;
    }

    @Override
    protected String heldEmailField() {
        return "Email";
    }
}
