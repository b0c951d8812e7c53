package dev.sluice.sources.rest;

import dev.sluice.sources.internal.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * How the next page is asked for (Airbyte's {@code DefaultPaginator} with its strategies). The position of
 * the next page is a token kept in the stream's state: a page number, an offset, a cursor from the body or
 * a whole next URL. Immutable and thread-safe.
 *
 * @param kind {@code none}, {@code page-number}, {@code offset}, {@code cursor}, {@code next-url} or
 *     {@code link-header}
 * @param parameter the query parameter carrying the token (not for {@code next-url} and {@code link-header})
 * @param sizeParameter the query parameter carrying {@code pageSize}, or {@code null}
 * @param pageSize records asked per page, 0 when not set; a shorter page is the last
 * @param start the first page number ({@code page-number} only)
 * @param tokenPath where the body holds the next cursor or URL ({@code cursor}, {@code next-url})
 */
record RestPaginator(String kind, String parameter, String sizeParameter, int pageSize, int start, JsonPath tokenPath) {
    static RestPaginator read(Settings paginator) {
        String kind = paginator.text("type", "none");
        switch (kind) {
            case "none" -> {
                paginator.allowOnly(Set.of("type"));
                return new RestPaginator(kind, null, null, 0, 0, null);
            }
            case "page-number" -> {
                paginator.allowOnly(Set.of("type", "parameter", "start", "page-size", "page-size-parameter"));
                return new RestPaginator(kind, paginator.text("parameter", "page"),
                        paginator.text("page-size-parameter", null), paginator.integer("page-size", 0, 1),
                        paginator.integer("start", 1, 0), null);
            }
            case "offset" -> {
                paginator.allowOnly(Set.of("type", "parameter", "page-size", "page-size-parameter"));
                if (!paginator.has("page-size")) {
                    throw paginator.invalid("page-size", "required for offset pagination (the offset moves by it)");
                }
                return new RestPaginator(kind, paginator.text("parameter", "offset"),
                        paginator.text("page-size-parameter", "limit"), paginator.integer("page-size", 0, 1), 0, null);
            }
            case "cursor" -> {
                paginator.allowOnly(Set.of("type", "parameter", "cursor-path", "page-size", "page-size-parameter"));
                return new RestPaginator(kind, paginator.required("parameter"), paginator.text("page-size-parameter", null),
                        paginator.integer("page-size", 0, 1), 0,
                        JsonPath.parse(paginator.required("cursor-path"), paginator.name("cursor-path")));
            }
            case "next-url" -> {
                paginator.allowOnly(Set.of("type", "next-url-path"));
                return new RestPaginator(kind, null, null, 0, 0,
                        JsonPath.parse(paginator.required("next-url-path"), paginator.name("next-url-path")));
            }
            case "link-header" -> {
                paginator.allowOnly(Set.of("type", "page-size", "page-size-parameter"));
                return new RestPaginator(kind, null, paginator.text("page-size-parameter", null),
                        paginator.integer("page-size", 0, 1), 0, null);
            }
            default -> throw paginator.invalid("type", "unknown paginator \"" + kind
                    + "\"; expected none, page-number, offset, cursor, next-url or link-header");
        }
    }

    /** The token of the first page, or {@code null} when the first request carries none. */
    String first() {
        return switch (kind) {
            case "page-number" -> Integer.toString(start);
            case "offset" -> "0";
            default -> null;
        };
    }

    /** Adds the query parameters that ask for the page of {@code token}. */
    void addParameters(String token, Map<String, String> query) {
        if (sizeParameter != null && pageSize > 0) {
            query.put(sizeParameter, Integer.toString(pageSize));
        }
        if (token != null && parameter != null) {
            query.put(parameter, token);
        }
    }

    /** Whether the token is the whole URL of the next page ({@code next-url}, {@code link-header}). */
    boolean nextIsUrl() {
        return kind.equals("next-url") || kind.equals("link-header");
    }

    /**
     * The token of the page after the one just read, or {@code null} when it was the last.
     *
     * @param records how many records the page held
     * @param headers the answer's headers ({@code link-header} reads {@code Link: <URL>; rel="next"})
     * @param requested the URL the page was read from, which a relative link is resolved against
     */
    String next(String token, JsonNode body, int records, java.net.http.HttpHeaders headers, java.net.URI requested) {
        if (kind.equals("link-header")) {
            if (records == 0) {
                return null;
            }
            for (String value : headers.allValues("Link")) {
                String next = LinkHeader.next(value);
                if (next != null) {
                    return requested.resolve(next).toString();
                }
            }
            return null;
        }
        boolean shortPage = records == 0 || (pageSize > 0 && records < pageSize);
        return switch (kind) {
            case "page-number" -> shortPage ? null : Long.toString(Long.parseLong(token) + 1);
            case "offset" -> shortPage ? null : Long.toString(Long.parseLong(token) + records);
            case "cursor", "next-url" -> {
                JsonNode next = tokenPath.find(body);
                // An empty page ends the run even when it names a next page: an API that keeps answering
                // empty pages with a cursor would otherwise be read forever.
                yield records == 0 || !next.isValueNode() || next.isNull() || next.asText().isBlank() ? null : next.asText();
            }
            default -> null;
        };
    }
}
