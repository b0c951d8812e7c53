package dev.sluice.destinations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salesforce's sObject Collections upsert ({@code PATCH .../composite/sobjects/Contact/External_Id__c}),
 * as the REST API guide describes it: an OAuth token as Bearer; at most 200 records, each with
 * {@code attributes.type} and the external id; one result per record, in order; an invalid email is
 * that record's INVALID_EMAIL_ADDRESS error; errors are JSON arrays of {message, errorCode}.
 */
public final class SalesforceFake extends FakeVendor {
    public static final String TOKEN = "00Dxx!session";
    public static final String PATH = "/services/data/v60.0/composite/sobjects/Contact/External_Id__c";
    private int nextId = 1;

    @Override
    protected Answer answer(String method, String path, Map<String, String> headers, JsonNode body) {
        if (!("Bearer " + TOKEN).equals(headers.get("authorization"))) {
            return new Answer(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
        }
        if (!method.equals("PATCH") || !path.equals(PATH)) {
            return new Answer(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]");
        }
        if (body == null || !body.path("allOrNone").isBoolean() || !body.path("records").isArray()) {
            return new Answer(400, "[{\"message\":\"Json Deserialization failed on token 'null'\",\"errorCode\":"
                    + "\"JSON_PARSER_ERROR\"}]");
        }
        JsonNode records = body.get("records");
        if (records.size() > 200) {
            return new Answer(400, "[{\"message\":\"Maximum number of records allowed is 200\",\"errorCode\":"
                    + "\"INVALID_BATCH_SIZE\"}]");
        }
        List<String> results = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.path("attributes").path("type").asText().equals("Contact")
                    || !record.path("External_Id__c").isTextual()) {
                return new Answer(400, "[{\"message\":\"Each record needs attributes.type Contact and External_Id__c\","
                        + "\"errorCode\":\"INVALID_INPUT\"}]");
            }
            if (!validEmail(record.get("Email"))) {
                results.add("{\"success\":false,\"errors\":[{\"statusCode\":\"INVALID_EMAIL_ADDRESS\",\"message\":"
                        + "\"Email: invalid email address: " + record.get("Email").asText() + "\",\"fields\":[\"Email\"]}]}");
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>(map(record));
            fields.remove("attributes");
            String key = record.get("External_Id__c").asText();
            boolean created = !store().containsKey(key);
            store().put(key, fields);
            results.add("{\"id\":\"003" + (nextId++) + "\",\"success\":true,\"errors\":[],\"created\":" + created + "}");
        }
        return new Answer(200, "[" + String.join(",", results) + "]");
    }

    @Override
    protected String rateLimitBody() {
        return "[{\"message\":\"Too many requests\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]";
    }

    @Override
    protected String serverErrorBody() {
        return "[{\"message\":\"Service unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]";
    }
}
