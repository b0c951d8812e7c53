package dev.sluice.server.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The collector's JSON settings, in one place. Numbers are kept as sent ({@code 1e400} stays
 * {@code 1E+400} instead of becoming {@code "Infinity"}, {@code 1.50} keeps its zero), trailing
 * garbage after the document is an error, and request bodies nested deeper than
 * {@link #MAX_EVENT_DEPTH} are refused. Mappers are thread-safe.
 */
public final class EventJson {
    /** How deep a request body may nest; deep nesting is an attack, not an event. */
    public static final int MAX_EVENT_DEPTH = 64;
    /** A spool record wraps a request's events in two more levels ({@code {"events": [...]}}). */
    private static final int MAX_RECORD_DEPTH = MAX_EVENT_DEPTH + 2;

    private static final ObjectMapper REQUESTS = mapper(MAX_EVENT_DEPTH);
    private static final ObjectMapper RECORDS = mapper(MAX_RECORD_DEPTH);

    private EventJson() {}

    /** For request bodies. */
    public static ObjectMapper requests() {
        return REQUESTS;
    }

    /** For spool records, which wrap events accepted under {@link #requests()}. */
    public static ObjectMapper records() {
        return RECORDS;
    }

    private static ObjectMapper mapper(int maxDepth) {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                        .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // Written to bytes, Jackson escapes a character outside the BMP (an emoji) as a pair of
                // escaped surrogates, where a String gets the character itself. The loader stores the
                // spooled bytes as they are, so they are written the way text would be.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
    }
}
