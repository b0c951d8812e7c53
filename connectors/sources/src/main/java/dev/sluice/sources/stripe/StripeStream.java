package dev.sluice.sources.stripe;

import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourceStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Stripe object list the connector reads: where it is listed, the object name its events carry and
 * the fields that get columns. Immutable and thread-safe.
 *
 * @param path the list endpoint, for example {@code /v1/customers}
 * @param object the {@code object} value of its records, for example {@code customer}
 * @param eventType the events that carry it ({@code customer.*}), for incremental runs
 * @param deletedEvent the event type that deletes it ({@code customer.deleted}), or {@code null} when it is
 *     never deleted (a subscription's {@code customer.subscription.deleted} only cancels it)
 * @param listParameters parameters every list request of it needs ({@code status=all} for subscriptions,
 *     which Stripe otherwise lists without the canceled ones)
 */
record StripeStream(SourceStream stream, String path, String object, String eventType, String deletedEvent,
        Map<String, String> listParameters) {
    /** Every stream the connector offers, in the order it reads them. */
    static final Map<String, StripeStream> ALL = all();

    private static Map<String, StripeStream> all() {
        Map<String, StripeStream> all = new LinkedHashMap<>();
        add(all, "customers", "customer", "customer.*", "customer.deleted", Map.of(),
                "email varchar", "name varchar", "currency varchar", "delinquent boolean");
        add(all, "subscriptions", "subscription", "customer.subscription.*", null, Map.of("status", "all"),
                "customer varchar", "status varchar", "start_date timestamp", "trial_start timestamp",
                "trial_end timestamp", "cancel_at_period_end boolean", "canceled_at timestamp", "ended_at timestamp");
        add(all, "invoices", "invoice", "invoice.*", "invoice.deleted", Map.of(),
                "customer varchar", "subscription varchar", "status varchar", "currency varchar", "amount_due bigint",
                "amount_paid bigint", "total bigint");
        add(all, "charges", "charge", "charge.*", null, Map.of(),
                "customer varchar", "amount bigint", "amount_refunded bigint", "currency varchar", "status varchar",
                "paid boolean", "refunded boolean");
        add(all, "refunds", "refund", "refund.*", null, Map.of(),
                "charge varchar", "amount bigint", "currency varchar", "status varchar", "reason varchar");
        add(all, "products", "product", "product.*", "product.deleted", Map.of(),
                "name varchar", "active boolean", "updated timestamp");
        add(all, "prices", "price", "price.*", "price.deleted", Map.of(),
                "product varchar", "active boolean", "currency varchar", "unit_amount bigint", "type varchar");
        return all;
    }

    private static void add(Map<String, StripeStream> all, String name, String object, String eventType,
            String deletedEvent, Map<String, String> listParameters, String... fields) {
        List<SourceField> declared = new ArrayList<>();
        declared.add(new SourceField("id", LogicalType.VARCHAR));
        declared.add(new SourceField("created", LogicalType.TIMESTAMP));
        declared.add(new SourceField("livemode", LogicalType.BOOLEAN));
        for (String field : fields) {
            String[] parts = field.split(" ");
            declared.add(new SourceField(parts[0], switch (parts[1]) {
                case "varchar" -> LogicalType.VARCHAR;
                case "bigint" -> LogicalType.BIGINT;
                case "boolean" -> LogicalType.BOOLEAN;
                case "timestamp" -> LogicalType.TIMESTAMP;
                default -> throw new IllegalArgumentException(field);
            }));
        }
        // The cursor is the events API (see StripeSource); "created" orders the first, whole read.
        all.put(name, new StripeStream(new SourceStream(name, declared, List.of("id"), Optional.of("created")),
                "/v1/" + name, object, eventType, deletedEvent, listParameters));
    }
}
