package dev.sluice.destinations.webhook;

import dev.sluice.destinations.http.Json;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Any HTTP endpoint: each batch is one request whose body is a JSON array with one element per record
 * (the record's rendered payload template, or {@code {"operation", "key", "fields"}}), or, with
 * {@code batch: false}, one request per record with that element as the body. A 2xx accepts every
 * record of the request.
 *
 * <p>Settings: {@code url} (required), {@code method} (POST, PUT or PATCH), {@code headers.NAME}
 * (for example {@code headers.Authorization: "Bearer ${env.HOOK_TOKEN}"}), {@code batch},
 * {@code max_batch_size} (default 100), {@code timeout_seconds}.
 *
 * <p>Thread-safe.
 */
final class WebhookDestination implements Destination {
    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final boolean batch;
    private final DestinationCapabilities capabilities;
    private final VendorHttp http;

    WebhookDestination(Settings settings) {
        url = settings.url("url", null);
        method = settings.optional("method", "POST").toUpperCase(Locale.ROOT);
        if (!List.of("POST", "PUT", "PATCH").contains(method)) {
            throw settings.invalid("method: \"" + method + "\" is not POST, PUT or PATCH");
        }
        headers = settings.under("headers");
        batch = Boolean.parseBoolean(settings.optional("batch", "true"));
        capabilities = new DestinationCapabilities(batch ? settings.integer("max_batch_size", 100, 1, 10_000) : 1,
                EnumSet.allOf(DestinationOperation.class), 0);
        http = new VendorHttp("webhook " + url.getHost(), settings.timeout());
    }

    @Override
    public DestinationCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<DestinationRowResult> send(List<DestinationRecord> records) {
        List<String> elements = records.stream().map(WebhookDestination::element).toList();
        String body = batch ? "[" + String.join(",", elements) + "]" : elements.get(0);
        HttpRequest.Builder request = http.request(url).method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build());
        String answer = VendorHttp.abbreviate(response.body());
        List<DestinationRowResult> results = new ArrayList<>(records.size());
        records.forEach(record -> results.add(DestinationRowResult.sent(record.key(), response.statusCode(),
                answer.isEmpty() ? null : answer)));
        return results;
    }

    private static String element(DestinationRecord record) {
        if (record.payload() != null) {
            return record.payload().strip();
        }
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("operation", record.operation().name().toLowerCase(Locale.ROOT));
        element.put("key", record.key());
        if (record.operation() != DestinationOperation.DELETE) {
            element.put("fields", record.fields());
        }
        return Json.write(element);
    }
}
