package dev.sluice.snowflake.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reading and answering the driver's HTTP requests: gzipped JSON in, JSON out. Stateless. */
final class FakeHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private FakeHttp() {}

    static JsonNode body(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
            in = new GZIPInputStream(in);
        }
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(key, value);
        }
        return parameters;
    }

    /** The token of {@code Authorization: Snowflake Token="..."}, or {@code null}. */
    static String token(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Snowflake Token=\"") || !header.endsWith("\"")) {
            return null;
        }
        return header.substring("Snowflake Token=\"".length(), header.length() - 1);
    }

    static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code {success: false, code, message, data: {errorCode, sqlState, ...}}} as Snowflake answers an error. */
    static Map<String, Object> error(int code, String message, String sqlState, String queryId) {
        String padded = String.format("%06d", code);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("internalError", false);
        data.put("errorCode", padded);
        data.put("age", 0);
        data.put("sqlState", sqlState);
        data.put("queryId", queryId);
        data.put("line", -1);
        data.put("pos", -1);
        data.put("type", "COMPILATION");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("code", padded);
        body.put("message", message);
        body.put("success", false);
        body.put("headers", null);
        return body;
    }
}
