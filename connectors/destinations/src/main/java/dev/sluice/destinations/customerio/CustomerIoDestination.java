package dev.sluice.destinations.customerio;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Customer.io people through the Track API v2 batch endpoint ({@code POST /api/v2/batch}): {@code
 * identify} creates or updates a person, {@code delete} removes one; Basic auth with the site id and
 * Track API key. A request may hold at most 500 KB: a larger batch is refused before it is sent, and
 * the engine splits it. A 207 names refused entries by {@code batch_index}.
 *
 * <p>Settings: {@code site_id}, {@code api_key} (required), {@code identifier} ({@code id} or
 * {@code email}: what the primary key is, default {@code id}), {@code region} ({@code us} or
 * {@code eu}) or {@code base_url}, {@code timeout_seconds}.
 *
 * <p>Thread-safe.
 */
final class CustomerIoDestination implements Destination {
    static final int MAX_REQUEST_BYTES = 500 * 1024;
    private static final DestinationCapabilities CAPABILITIES = new DestinationCapabilities(1000,
            EnumSet.of(DestinationOperation.UPSERT, DestinationOperation.DELETE), 100);
    private final URI baseUrl;
    private final String authorization;
    private final String identifier;
    private final VendorHttp http;

    CustomerIoDestination(Settings settings) {
        String siteId = settings.required("site_id", "your workspace's Track API site id");
        String apiKey = settings.required("api_key", "a Track API key, for example \"${env.CUSTOMERIO_API_KEY}\"");
        authorization = "Basic " + Base64.getEncoder().encodeToString((siteId + ":" + apiKey)
                .getBytes(StandardCharsets.UTF_8));
        identifier = settings.optional("identifier", "id");
        if (!identifier.equals("id") && !identifier.equals("email")) {
            throw settings.invalid("identifier: \"" + identifier + "\" is not id or email");
        }
        String region = settings.optional("region", "us");
        baseUrl = settings.url("base_url", region.equals("eu") ? "https://track-eu.customer.io"
                : "https://track.customer.io");
        http = new VendorHttp("Customer.io", settings.timeout());
    }

    @Override
    public DestinationCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<DestinationRowResult> send(List<DestinationRecord> batch) {
        List<Map<String, Object>> entries = new ArrayList<>(batch.size());
        for (DestinationRecord record : batch) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", "person");
            entry.put("identifiers", Map.of(identifier, record.key()));
            switch (record.operation()) {
                case UPSERT -> {
                    entry.put("action", "identify");
                    entry.put("attributes", record.fields());
                }
                case DELETE -> entry.put("action", "delete");
                case INSERT, UPDATE -> throw new IllegalArgumentException("Customer.io destination does not "
                        + record.operation());
            }
            entries.add(entry);
        }
        String body = Json.write(Map.of("batch", entries));
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_REQUEST_BYTES) {
            throw new DestinationException(DestinationFailure.REJECTED, "Customer.io takes at most 500 KB per"
                    + " request; this " + (batch.size() == 1 ? "record alone" : "batch") + " is larger", 0, null,
                    null, null);
        }
        HttpResponse<String> response = http.send(http.request(URI.create(baseUrl + "/api/v2/batch"))
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        Map<Integer, String> refused = new HashMap<>();
        for (JsonNode error : Json.read(response.body()).path("errors")) {
            refused.put(error.path("batch_index").asInt(-1), error.path("reason").asText() + ": "
                    + error.path("message").asText());
        }
        List<DestinationRowResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String error = refused.get(i);
            String key = batch.get(i).key();
            results.add(error == null ? DestinationRowResult.sent(key, response.statusCode(), null)
                    : DestinationRowResult.rejected(key, response.statusCode(), error, "Customer.io refused it: "
                            + error));
        }
        return results;
    }
}
