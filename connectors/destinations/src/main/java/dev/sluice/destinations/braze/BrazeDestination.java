package dev.sluice.destinations.braze;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.destinations.http.Json;
import dev.sluice.destinations.http.OperationGroups;
import dev.sluice.destinations.http.Settings;
import dev.sluice.destinations.http.VendorHttp;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationCapabilities;
import dev.sluice.spi.destination.DestinationOperation;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Braze user profiles by {@code external_id}: {@code POST /users/track} with {@code attributes} (75
 * per request; {@code _update_existing_only: true} for updates) and {@code POST /users/delete} with
 * {@code external_ids} (50 per request, so batches are 50), a REST API key as {@code Bearer}. Braze
 * answers 201 with {@code errors[].index} naming the refused attributes objects.
 *
 * <p>Settings: {@code api_key}, {@code rest_endpoint} (your instance, for example
 * {@code https://rest.iad-01.braze.com}) required; {@code timeout_seconds}.
 *
 * <p>Thread-safe.
 */
final class BrazeDestination implements Destination {
    private static final DestinationCapabilities CAPABILITIES = new DestinationCapabilities(50, EnumSet.of(
            DestinationOperation.UPDATE, DestinationOperation.UPSERT, DestinationOperation.DELETE), 0);
    private final URI endpoint;
    private final String apiKey;
    private final VendorHttp http;

    BrazeDestination(Settings settings) {
        apiKey = settings.required("api_key", "a REST API key with users.track and users.delete, for example"
                + " \"${env.BRAZE_API_KEY}\"");
        endpoint = settings.url("rest_endpoint", null);
        http = new VendorHttp("Braze", settings.timeout());
    }

    @Override
    public DestinationCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<DestinationRowResult> send(List<DestinationRecord> batch) {
        return OperationGroups.send(batch, this::sendGroup);
    }

    private List<DestinationRowResult> sendGroup(DestinationOperation operation, List<DestinationRecord> records) {
        Object body;
        String path;
        if (operation == DestinationOperation.DELETE) {
            path = "/users/delete";
            body = Map.of("external_ids", records.stream().map(DestinationRecord::key).toList());
        } else if (operation == DestinationOperation.INSERT) {
            throw new IllegalArgumentException("Braze destination does not insert");
        } else {
            path = "/users/track";
            List<Map<String, Object>> attributes = new ArrayList<>();
            for (DestinationRecord record : records) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("external_id", record.key());
                object.putAll(record.fields());
                if (operation == DestinationOperation.UPDATE) {
                    object.put("_update_existing_only", true);
                }
                attributes.add(object);
            }
            body = Map.of("attributes", attributes);
        }
        HttpResponse<String> response = http.send(http.request(URI.create(endpoint + path))
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
        Map<Integer, String> refused = new HashMap<>();
        for (JsonNode error : Json.read(response.body()).path("errors")) {
            refused.put(error.path("index").asInt(-1), error.path("type").asText());
        }
        List<DestinationRowResult> results = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            String error = refused.get(i);
            String key = records.get(i).key();
            results.add(error == null ? DestinationRowResult.sent(key, response.statusCode(), null)
                    : DestinationRowResult.rejected(key, response.statusCode(), error, "Braze refused it: " + error));
        }
        return results;
    }
}
