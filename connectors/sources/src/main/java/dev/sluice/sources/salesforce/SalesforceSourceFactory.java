package dev.sluice.sources.salesforce;

import dev.sluice.sources.internal.RecordValues;
import dev.sluice.sources.internal.Settings;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code salesforce} source: any sObject by name, fields discovered by {@code describe}, read with SOQL
 * over the REST API ({@link SalesforceSource}), logged in by OAuth ({@link SalesforceAuth}). See
 * {@code docs/sources.md}. Thread-safe.
 */
public final class SalesforceSourceFactory implements SourceFactory {
    static final String LOGIN_URL = "https://login.salesforce.com";
    private static final Set<String> KEYS = Set.of("login-url", "api-version", "auth", "objects", "start", "batch-size",
            "retry", "timeout-seconds", "bulk-objects", "bulk-poll-millis", "bulk-max-records", "bulk-timeout-minutes");

    @Override
    public String type() {
        return "salesforce";
    }

    @Override
    public Source open(Map<String, Object> settings) {
        Settings root = Settings.root(settings).allowOnly(KEYS);
        URI loginUrl;
        try {
            loginUrl = URI.create(root.text("login-url", LOGIN_URL));
        } catch (IllegalArgumentException e) {
            throw root.invalid("login-url", "not a URL: " + e.getMessage());
        }
        if (!"http".equals(loginUrl.getScheme()) && !"https".equals(loginUrl.getScheme()) || loginUrl.getHost() == null) {
            throw root.invalid("login-url", "expected " + LOGIN_URL + ", https://test.salesforce.com or your My Domain URL");
        }
        String apiVersion = root.text("api-version", "61.0");
        if (!apiVersion.matches("\\d{2,3}\\.0")) {
            throw root.invalid("api-version", "expected a version such as 61.0, not \"" + apiVersion + "\"");
        }
        if (!root.has("auth")) {
            throw root.invalid("auth", "required: {type: refresh-token, client-id, client-secret, refresh-token} or"
                    + " {type: jwt-bearer, client-id, username, private-key}");
        }
        List<String> secrets = new ArrayList<>();
        SalesforceAuth auth = SalesforceAuth.read(root.map("auth", null), loginUrl, secrets);
        List<String> objects = root.list("objects");
        if (objects.isEmpty()) {
            throw root.invalid("objects", "required: the sObjects to read, for example [Account, Lead, LeadHistory]");
        }
        Set<String> streams = new HashSet<>();
        for (String object : objects) {
            if (!object.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw root.invalid("objects", "\"" + object + "\" is not an sObject API name (Account, Invoice__c)");
            }
            if (!streams.add(SalesforceObject.snake(object))) {
                throw root.invalid("objects", object + " is listed twice");
            }
        }
        String start = null;
        if (root.has("start")) {
            try {
                start = RecordValues.instant(root.required("start")).toString();
            } catch (RuntimeException e) {
                throw root.invalid("start", "expected a date (2024-01-01) or an ISO-8601 time, not \""
                        + root.required("start") + "\"");
            }
        }
        Map<String, String> queryHeaders = Map.of();
        if (root.has("batch-size")) {
            int size = root.integer("batch-size", 2000, 200);
            if (size > 2000) {
                throw root.invalid("batch-size", "Salesforce answers at most 2000 records a page, not " + size);
            }
            queryHeaders = Map.of("Sforce-Query-Options", "batchSize=" + size);
        }
        SourceHttp http = SourceHttp.read(root, Map.of(), secrets, SalesforceErrors::describe)
                .limitExceeded(SalesforceErrors::limitExceeded);
        java.util.Set<String> bulkObjects = new java.util.LinkedHashSet<>(root.list("bulk-objects"));
        for (String object : bulkObjects) {
            if (!objects.contains(object)) {
                throw root.invalid("bulk-objects", object + " is not under objects");
            }
        }
        SalesforceBulk.Settings bulk = new SalesforceBulk.Settings(java.util.Set.copyOf(bulkObjects),
                java.time.Duration.ofMillis(root.integer("bulk-poll-millis", 5_000, 1)),
                root.integer("bulk-max-records", 50_000, 1),
                java.time.Duration.ofMinutes(root.integer("bulk-timeout-minutes", 60, 1)));
        return new SalesforceSource(http, auth, apiVersion, List.copyOf(objects), start, queryHeaders, bulk);
    }
}
