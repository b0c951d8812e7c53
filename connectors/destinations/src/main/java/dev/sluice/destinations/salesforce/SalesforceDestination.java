package dev.sluice.destinations.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.destinations.http.Json;
import dev.sluice.destinations.http.Settings;
import dev.sluice.destinations.http.VendorHttp;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationCapabilities;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationFailure;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Salesforce sObjects, upserted by an external id field through the sObject Collections API
 * ({@code PATCH /services/data/vXX.X/composite/sobjects/{object}/{external_id}}, {@code allOrNone:
 * false}): 200 records per request, an OAuth access token. Salesforce answers one result per record,
 * in order; a record's errors refuse it, except lock and timeout codes, which are retried.
 *
 * <p>Settings: {@code instance_url}, {@code access_token}, {@code object} (for example {@code Contact}),
 * {@code external_id} (for example {@code External_Id__c}) all required; {@code api_version} (default
 * {@code v60.0}), {@code timeout_seconds}.
 *
 * <p>Thread-safe.
 */
final class SalesforceDestination implements Destination {
    private static final DestinationCapabilities CAPABILITIES = new DestinationCapabilities(200,
            EnumSet.of(DestinationOperation.UPSERT), 0);
    /** Record error codes that say "not now" rather than "never". */
    private static final Set<String> TRANSIENT_CODES = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_RUNNING_TOO_LONG",
            "SERVER_UNAVAILABLE");
    private final URI instanceUrl;
    private final String token;
    private final String object;
    private final String externalId;
    private final String apiVersion;
    private final VendorHttp http;

    SalesforceDestination(Settings settings) {
        instanceUrl = settings.url("instance_url", null);
        token = settings.required("access_token", "an OAuth access token, for example \"${env.SALESFORCE_TOKEN}\"");
        object = settings.required("object", "the sObject, for example Contact");
        externalId = settings.required("external_id", "the external id field, for example External_Id__c");
        apiVersion = settings.optional("api_version", "v60.0");
        http = new VendorHttp("Salesforce", settings.timeout());
    }

    @Override
    public DestinationCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<DestinationRowResult> send(List<DestinationRecord> batch) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (DestinationRecord record : batch) {
            if (record.operation() != DestinationOperation.UPSERT) {
                throw new IllegalArgumentException("Salesforce destination only upserts, not " + record.operation());
            }
            Map<String, Object> sObject = new LinkedHashMap<>();
            sObject.put("attributes", Map.of("type", object));
            sObject.putAll(record.fields());
            sObject.put(externalId, record.key());
            records.add(sObject);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", records);
        URI uri = URI.create(instanceUrl + "/services/data/" + apiVersion + "/composite/sobjects/" + object + "/"
                + externalId);
        HttpRequest request = http.request(uri).header("Authorization", "Bearer " + token)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request);
        } catch (DestinationException e) {
            // Salesforce says 403 REQUEST_LIMIT_EXCEEDED when the org's daily API limit is spent: not a credential problem.
            if (e.httpStatus() == 403 && String.valueOf(e.response()).contains("REQUEST_LIMIT_EXCEEDED")) {
                throw new DestinationException(DestinationFailure.TRANSIENT, e.getMessage(), 403, e.response(), null,
                        e);
            }
            throw e;
        }
        return results(batch, Json.read(response.body()), response.statusCode());
    }

    private static List<DestinationRowResult> results(List<DestinationRecord> batch, JsonNode body, int status) {
        if (!body.isArray() || body.size() != batch.size()) {
            throw new DestinationException(DestinationFailure.TRANSIENT, "Salesforce answered " + body.size()
                    + " results for " + batch.size() + " records", status, body.toString(), null, null);
        }
        List<DestinationRowResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode result = body.get(i);
            String key = batch.get(i).key();
            if (result.path("success").asBoolean()) {
                results.add(DestinationRowResult.sent(key, status, "{\"id\":\"" + result.path("id").asText()
                        + "\",\"created\":" + result.path("created").asBoolean() + "}"));
                continue;
            }
            JsonNode error = result.path("errors").path(0);
            String message = error.path("statusCode").asText() + ": " + error.path("message").asText();
            boolean retry = TRANSIENT_CODES.contains(error.path("statusCode").asText());
            results.add(retry ? DestinationRowResult.failed(key, status, result.toString(), message)
                    : DestinationRowResult.rejected(key, status, result.toString(), message));
        }
        return results;
    }
}
