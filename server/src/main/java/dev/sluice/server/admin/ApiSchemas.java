package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks request bodies against the schemas of the admin API's own OpenAPI document
 * ({@code /api/openapi.json}), so what the document promises is what the API accepts: a field it does not
 * name, or a value of the wrong type or range, is a {@link ApiRequests.BadRequest} naming the field.
 *
 * <p>Thread-safe: schemas are compiled once each, into a concurrent map, and immutable once built.
 */
final class ApiSchemas {
    private final SchemaRegistry registry;
    private final JsonNode document;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    ApiSchemas(String openApiDocument) {
        try {
            this.document = ApiJson.mapper().readTree(openApiDocument);
        } catch (IOException e) {
            throw new UncheckedIOException("the admin API's OpenAPI document is not JSON", e);
        }
        // OpenAPI 3.1 schemas are JSON Schema 2020-12.
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    }

    /**
     * A JSON Schema whose {@code $defs} are the document's component schemas and which is a reference to one of
     * them. Only the schemas, not the whole document: the validator logs a warning for every keyword it does not
     * know, and {@code openapi}, {@code paths} and the others are not JSON Schema.
     */
    private Schema compile(String schemaName) {
        try {
            String schemas = ApiJson.mapper().writeValueAsString(document.path("components").path("schemas"))
                    .replace("\"#/components/schemas/", "\"#/$defs/");
            ObjectNode root = ApiJson.object();
            root.set("$defs", ApiJson.mapper().readTree(schemas));
            root.put("$ref", "#/$defs/" + schemaName);
            return registry.getSchema(root);
        } catch (IOException e) {
            throw new UncheckedIOException("the admin API's OpenAPI document's schemas", e);
        }
    }

    /**
     * @param schemaName a name under {@code components.schemas}, such as {@code RunRequest}
     * @throws ApiRequests.BadRequest naming the first field that is wrong, and how
     * @throws IllegalArgumentException when the document has no such schema (a bug in the API, not the request)
     */
    void check(String schemaName, JsonNode body) {
        if (document.path("components").path("schemas").path(schemaName).isMissingNode()) {
            throw new IllegalArgumentException("no schema " + schemaName + " in the OpenAPI document");
        }
        List<Error> errors = schemas.computeIfAbsent(schemaName, this::compile).validate(body);
        if (!errors.isEmpty()) {
            throw new ApiRequests.BadRequest(describe(errors.get(0)) + " (see /api/openapi.json, schema " + schemaName + ")");
        }
    }

    /** {@code threads: string found, integer expected}: the field as a dotted path, then what was wrong. */
    private static String describe(Error error) {
        NodePath location = error.getInstanceLocation();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(element);
            }
        }
        if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
            return (field.length() == 0 ? "" : field + ".") + error.getProperty() + ": unknown field";
        }
        // The library's message starts with the location as a JSON pointer: say it once, as a field name.
        String message = error.getMessage().replaceFirst("^[^:]*: ", "");
        return field.length() == 0 ? message : field + ": " + message;
    }
}
