package dev.sluice.sources.facebookads;

import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.source.SourceField;
import dev.sluice.spi.source.SourceStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A daily Insights report at one level ({@code campaign}, {@code adset}, {@code ad}): its fields (each a column
 * of the same name), keyed by the day and the level's id. Immutable and thread-safe.
 */
record FacebookAdsReport(String name, String level, List<String> fields, SourceStream stream) {
    private static final List<String> METRICS = List.of("impressions", "clicks", "spend", "reach", "actions",
            "action_values");

    static final Map<String, FacebookAdsReport> ALL = all();

    private static Map<String, FacebookAdsReport> all() {
        Map<String, FacebookAdsReport> reports = new LinkedHashMap<>();
        add(reports, "campaign_insights", "campaign", List.of("campaign_id", "campaign_name"));
        add(reports, "adset_insights", "adset", List.of("campaign_id", "adset_id", "adset_name"));
        add(reports, "ad_insights", "ad", List.of("campaign_id", "adset_id", "ad_id", "ad_name"));
        return Collections.unmodifiableMap(reports);
    }

    private static void add(Map<String, FacebookAdsReport> reports, String name, String level, List<String> attributes) {
        List<String> fields = new ArrayList<>(List.of("date_start", "account_id"));
        fields.addAll(attributes);
        fields.addAll(METRICS);
        List<SourceField> columns = new ArrayList<>();
        for (String field : fields) {
            columns.add(new SourceField(field, type(field)));
        }
        reports.put(name, new FacebookAdsReport(name, level, List.copyOf(fields), new SourceStream(name, columns,
                List.of("date_start", level + "_id"), Optional.of("date_start"))));
    }

    private static LogicalType type(String field) {
        return switch (field) {
            case "date_start" -> LogicalType.DATE;
            case "impressions", "clicks", "reach" -> LogicalType.BIGINT;
            case "spend" -> LogicalType.DECIMAL;
            case "actions", "action_values" -> LogicalType.JSON;
            default -> LogicalType.VARCHAR;
        };
    }
}
