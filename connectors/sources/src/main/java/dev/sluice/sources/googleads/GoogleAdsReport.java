package dev.sluice.sources.googleads;

import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourceStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A daily performance report read with one GAQL query: the resource it is {@code FROM}, its columns (each a
 * GAQL field such as {@code metrics.cost_micros}, landed as its snake-case name with its dots as
 * {@code _}), keyed by the day and the level's id. Immutable and thread-safe.
 *
 * @param fields the GAQL fields, in column order
 */
record GoogleAdsReport(String name, String resource, List<String> fields, SourceStream stream) {
    private static final List<String> METRICS = List.of("metrics.impressions", "metrics.clicks",
            "metrics.cost_micros", "metrics.conversions", "metrics.conversions_value");

    /** Every report, by stream name, in the order they run. */
    static final Map<String, GoogleAdsReport> ALL = all();

    private static Map<String, GoogleAdsReport> all() {
        Map<String, GoogleAdsReport> reports = new LinkedHashMap<>();
        add(reports, "campaign_performance", "campaign", "campaign_id", List.of("campaign.id", "campaign.name",
                "campaign.status"));
        add(reports, "ad_group_performance", "ad_group", "ad_group_id", List.of("campaign.id", "ad_group.id",
                "ad_group.name", "ad_group.status"));
        add(reports, "ad_performance", "ad_group_ad", "ad_id", List.of("campaign.id", "ad_group.id",
                "ad_group_ad.ad.id", "ad_group_ad.status"));
        return java.util.Collections.unmodifiableMap(reports);
    }

    private static void add(Map<String, GoogleAdsReport> reports, String name, String resource, String idColumn,
            List<String> attributes) {
        List<String> fields = new ArrayList<>(List.of("segments.date", "customer.id"));
        fields.addAll(attributes);
        fields.addAll(METRICS);
        List<SourceField> columns = new ArrayList<>();
        for (String field : fields) {
            columns.add(new SourceField(column(field), type(field)));
        }
        reports.put(name, new GoogleAdsReport(name, resource, List.copyOf(fields),
                new SourceStream(name, columns, List.of("date", idColumn), Optional.of("date"))));
    }

    /** {@code segments.date} is {@code date}, {@code ad_group_ad.ad.id} is {@code ad_id}, a metric keeps its name. */
    static String column(String field) {
        return switch (field) {
            case "segments.date" -> "date";
            case "ad_group_ad.ad.id" -> "ad_id";
            case "ad_group_ad.status" -> "ad_status";
            default -> field.startsWith("metrics.") ? field.substring(8) : field.replace('.', '_');
        };
    }

    private static LogicalType type(String field) {
        return switch (field) {
            case "segments.date" -> LogicalType.DATE;
            case "metrics.impressions", "metrics.clicks", "metrics.cost_micros" -> LogicalType.BIGINT;
            case "metrics.conversions", "metrics.conversions_value" -> LogicalType.DOUBLE;
            default -> LogicalType.VARCHAR;
        };
    }

    /** The field's path in the REST answer's JSON: each part in lower camel case ({@code adGroupAd.ad.id}). */
    static List<String> jsonPath(String field) {
        List<String> path = new ArrayList<>();
        for (String part : field.split("\\.")) {
            StringBuilder camel = new StringBuilder();
            boolean upper = false;
            for (char c : part.toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    camel.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            path.add(camel.toString());
        }
        return path;
    }

    /** The query for the days {@code from} to {@code to}, both included (ISO dates). */
    String query(String from, String to) {
        return "SELECT " + String.join(", ", fields) + " FROM " + resource + " WHERE segments.date BETWEEN '" + from
                + "' AND '" + to + "'";
    }
}
