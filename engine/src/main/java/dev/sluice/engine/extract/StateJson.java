package dev.sluice.engine.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.spi.source.SourceState;
import java.util.Map;

/** A {@link SourceState} as the JSON object of strings stored in {@code sluice.source_state.state}. */
final class StateJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateJson() {}

    static String write(SourceState state) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(state.values()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SourceState read(String json) {
        try {
            return new SourceState(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new SluiceException(ErrorCode.EXTRACT, "sluice.source_state holds a state that is not a JSON object"
                    + " of strings: " + json + " (delete the row to start the stream over)", e);
        }
    }
}
