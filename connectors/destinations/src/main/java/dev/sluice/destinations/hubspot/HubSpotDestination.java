package dev.sluice.destinations.hubspot;

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
import java.util.Locale;
import java.util.Map;

/**
 * HubSpot CRM objects (contacts by default) through the v3 batch API: {@code batch/upsert} and
 * {@code batch/update} by a unique property ({@code id_property}, default {@code email}, which is the
 * sync's primary key), {@code batch/create} for inserts; 100 inputs per request, a private app's
 * {@code Bearer} token. A 207 names the refused inputs in {@code errors[].context.ids}; a 400 refuses
 * the batch (the engine splits it to find the bad input).
 *
 * <p>Settings: {@code token} (required), {@code object} (default {@code contacts}),
 * {@code id_property}, {@code base_url} (default {@code https://api.hubapi.com}), {@code timeout_seconds}.
 *
 * <p>Thread-safe.
 */
final class HubSpotDestination implements Destination {
    /** HubSpot's batch endpoints take at most 100 inputs; private apps may make 100 requests per 10 s. */
    private static final DestinationCapabilities CAPABILITIES = new DestinationCapabilities(100,
            EnumSet.of(DestinationOperation.INSERT, DestinationOperation.UPDATE, DestinationOperation.UPSERT), 10);
    private final URI baseUrl;
    private final String token;
    private final String object;
    private final String idProperty;
    private final VendorHttp http;

    HubSpotDestination(Settings settings) {
        token = settings.required("token", "a private app access token, for example \"${env.HUBSPOT_TOKEN}\"");
        object = settings.optional("object", "contacts");
        idProperty = settings.optional("id_property", "email");
        baseUrl = settings.url("base_url", "https://api.hubapi.com");
        http = new VendorHttp("HubSpot", settings.timeout());
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
        String action = switch (operation) {
            case INSERT -> "create";
            case UPDATE -> "update";
            case UPSERT -> "upsert";
            case DELETE -> throw new IllegalArgumentException("HubSpot destination does not delete");
        };
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (DestinationRecord record : records) {
            Map<String, Object> input = new LinkedHashMap<>();
            if (operation != DestinationOperation.INSERT) {
                input.put("idProperty", idProperty);
                input.put("id", record.key());
            }
            input.put("properties", properties(record));
            inputs.add(input);
        }
        URI uri = URI.create(baseUrl + "/crm/v3/objects/" + object + "/batch/" + action);
        HttpResponse<String> response = http.send(http.request(uri).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("inputs", inputs)))).build());
        return results(records, Json.read(response.body()), response.statusCode());
    }

    /** Properties as HubSpot takes them: text values, NULL as an empty text (which clears the property). */
    private Map<String, Object> properties(DestinationRecord record) {
        Map<String, Object> properties = new LinkedHashMap<>();
        record.fields().forEach((name, value) -> properties.put(name, value == null ? "" : value instanceof String
                ? value : Json.write(value).replaceAll("^\"|\"$", "")));
        if (record.operation() == DestinationOperation.INSERT) {
            properties.putIfAbsent(idProperty, record.key());
        }
        return properties;
    }

    private List<DestinationRowResult> results(List<DestinationRecord> records, JsonNode body, int status) {
        Map<String, String> refused = new HashMap<>();
        for (JsonNode error : body.path("errors")) {
            JsonNode ids = error.path("context").path("ids");
            for (JsonNode id : ids.isMissingNode() ? error.path("context").path("id") : ids) {
                refused.put(id.asText().toLowerCase(Locale.ROOT), error.path("category").asText() + ": "
                        + error.path("message").asText());
            }
        }
        Map<String, String> ids = new HashMap<>();
        for (JsonNode result : body.path("results")) {
            ids.put(result.path("properties").path(idProperty).asText().toLowerCase(Locale.ROOT),
                    result.path("id").asText());
        }
        List<DestinationRowResult> results = new ArrayList<>(records.size());
        for (DestinationRecord record : records) {
            String key = record.key().toLowerCase(Locale.ROOT);
            String error = refused.get(key);
            if (error != null) {
                results.add(DestinationRowResult.rejected(record.key(), status, error, "HubSpot refused it: "
                        + error));
            } else {
                String id = ids.get(key);
                results.add(DestinationRowResult.sent(record.key(), status, id == null ? null : "{\"id\":\"" + id
                        + "\"}"));
            }
        }
        return results;
    }
}
