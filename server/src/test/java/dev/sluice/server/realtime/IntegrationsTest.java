package dev.sluice.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The integrations object, case by case, for a HubSpot destination named "crm" in sluice.yml. */
class IntegrationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            <none>                                   | true
            null                                     | true
            '"not an object"'                        | true
            {}                                       | true
            {"All": true}                            | true
            {"All": false}                           | false
            {"All": false, "HubSpot": true}          | true
            {"All": false, "hubspot": true}          | true
            {"All": false, "HUBSPOT": {"portal": 1}} | true
            {"All": false, "crm": true}              | true
            {"All": false, "CRM": {}}                | true
            {"HubSpot": false}                       | false
            {"hubspot": false}                       | false
            {"crm": false}                           | false
            {"All": true, "HubSpot": false}          | false
            {"Braze": false}                         | true
            {"All": false, "Braze": true}            | false
            {"HubSpot": null}                        | true
            {"All": false, "HubSpot": null}          | false
            {"All": false, "HubSpot": "yes"}         | false
            {"All": "true"}                          | false
            {"All": 1, "HubSpot": true}              | false
            {"All": null}                            | false
            """)
    void decides(String integrations, boolean sent) throws Exception {
        JsonNode node = integrations.equals("<none>") ? null : JSON.readTree(integrations);
        assertThat(Integrations.allows(node, "crm", "hubspot")).isEqualTo(sent);
    }

    @ParameterizedTest
    @CsvSource({"webhook,Webhook", "customerio,Customer.io", "hubspot,HubSpot", "salesforce,Salesforce", "braze,Braze"})
    void everyDestinationTypeAnswersToItsDisplayNameInAnyCase(String type, String displayName) throws Exception {
        assertThat(Integrations.allows(JSON.readTree("{\"All\": false, \"" + displayName.toUpperCase() + "\": true}"),
                "mine", type)).isTrue();
        assertThat(Integrations.allows(JSON.readTree("{\"" + displayName + "\": false}"), "mine", type)).isFalse();
    }
}
