package dev.sluice.bench.collector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code /v1/batch} bodies as a RudderStack server SDK sends them: {@value #EVENTS} events (70%
 * track with order properties, 20% page, 10% identify), {@code sentAt}, and a {@code messageId} on
 * every event that is unique across the whole benchmark, so that every acknowledged event must
 * become one row. The body is built once; each request copies it and writes its sequence number
 * into the fixed-width message-id slots.
 *
 * <p>Thread-safe: the template is immutable and {@link #body(long)} allocates a new array.
 */
final class BatchBodies {
    static final int EVENTS = 100;
    private static final int ID_DIGITS = 16;
    private static final String PLACEHOLDER = "#".repeat(ID_DIGITS);

    private final byte[] template;
    private final int[] idOffsets;

    BatchBodies() {
        Random random = new Random(42);
        StringBuilder json = new StringBuilder("{\"batch\":[");
        for (int index = 0; index < EVENTS; index++) {
            if (index > 0) {
                json.append(',');
            }
            json.append(event(index, random));
        }
        json.append("],\"sentAt\":\"2026-11-26T10:00:00.250Z\"}");
        template = json.toString().getBytes(StandardCharsets.US_ASCII);
        List<Integer> offsets = new ArrayList<>();
        byte[] marker = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
        for (int position = 0; position <= template.length - marker.length; position++) {
            if (matches(template, position, marker)) {
                offsets.add(position);
                position += marker.length - 1;
            }
        }
        if (offsets.size() != EVENTS) {
            throw new IllegalStateException("expected " + EVENTS + " message ids, found " + offsets.size());
        }
        idOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The body of request number {@code sequence}; its events get message ids {@code sequence * 100 + i}. */
    byte[] body(long sequence) {
        byte[] body = template.clone();
        for (int index = 0; index < EVENTS; index++) {
            long id = sequence * EVENTS + index;
            int end = idOffsets[index] + ID_DIGITS;
            for (int digit = 1; digit <= ID_DIGITS; digit++) {
                body[end - digit] = (byte) ('0' + id % 10);
                id /= 10;
            }
        }
        return body;
    }

    int bytes() {
        return template.length;
    }

    private static String event(int index, Random random) {
        String user = "user-" + random.nextInt(100_000);
        String common = "\"messageId\":\"bench-" + PLACEHOLDER + "\",\"anonymousId\":\"" + new java.util.UUID(
                random.nextLong(), random.nextLong()) + "\",\"userId\":\"" + user + "\",\"originalTimestamp\":\"2026-11-26T10:00:00."
                + String.format("%03d", index) + "Z\",\"channel\":\"server\",\"context\":{\"library\":{\"name\":"
                + "\"@rudderstack/rudder-sdk-node\",\"version\":\"2.1.4\"},\"ip\":\"203.0.113." + random.nextInt(255)
                + "\",\"locale\":\"en-US\"},\"integrations\":{\"All\":true}";
        int kind = index % 10;
        if (kind < 7) {
            return "{\"type\":\"track\",\"event\":\"Order Completed\"," + common + ",\"properties\":{\"order_id\":\"o-"
                    + random.nextInt(1_000_000) + "\",\"revenue\":" + (random.nextInt(20_000) / 100.0)
                    + ",\"currency\":\"USD\",\"coupon\":null,\"products\":[{\"sku\":\"sku-" + random.nextInt(500)
                    + "\",\"price\":19.99,\"quantity\":" + (1 + random.nextInt(3)) + "}]}}";
        }
        if (kind < 9) {
            return "{\"type\":\"page\",\"name\":\"Pricing\"," + common + ",\"properties\":{\"path\":\"/pricing\","
                    + "\"url\":\"https://example.com/pricing\",\"referrer\":\"https://www.google.com/\",\"title\":\"Pricing\"}}";
        }
        return "{\"type\":\"identify\"," + common + ",\"traits\":{\"email\":\"" + user + "@example.com\",\"plan\":\"pro\","
                + "\"logins\":" + random.nextInt(100) + "}}";
    }

    private static boolean matches(byte[] bytes, int position, byte[] marker) {
        for (int index = 0; index < marker.length; index++) {
            if (bytes[position + index] != marker[index]) {
                return false;
            }
        }
        return true;
    }
}
