package dev.sluice.engine.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.spi.RelationName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the model fingerprints of a saved {@code manifest.json}, for {@code state:} selectors. Stateless. */
public final class SavedState {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedState() {}

    /**
     * @param directory a folder holding {@code manifest.json} (a run's {@code target/}), or the file itself
     * @throws SluiceException when there is no manifest there or it cannot be read
     */
    public static Map<String, String> fingerprints(Path directory) {
        Path manifest = manifest(directory);
        // Streamed: a 10,000-model manifest is tens of MB (SQL, columns, lineage) and only one field per model
        // is needed, so no tree is built.
        Map<String, String> fingerprints = new LinkedHashMap<>();
        try (JsonParser parser = JSON.getFactory().createParser(manifest.toFile())) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, manifest);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!field.equals("models") || value != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String model = parser.currentName();
                    expect(parser.nextToken(), JsonToken.START_OBJECT, manifest);
                    String fingerprint = "";
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String property = parser.currentName();
                        JsonToken token = parser.nextToken();
                        if (property.equals("fingerprint") && token == JsonToken.VALUE_STRING) {
                            fingerprint = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                    fingerprints.put(model, fingerprint);
                }
            }
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.SELECTOR, "--state: cannot read " + manifest + ": " + e.getMessage(), e);
        }
        return fingerprints;
    }

    private static void expect(JsonToken actual, JsonToken expected, Path manifest) throws IOException {
        if (actual != expected) {
            throw new IOException("not a Sluice manifest: expected " + expected + " but found " + actual
                    + " (is " + manifest.getFileName() + " the manifest.json of a run?)");
        }
    }

    /** Where the saved run built each model (ephemeral models have none), for {@code --defer}. */
    public static Map<String, RelationName> relations(Path directory) {
        Map<String, RelationName> relations = new LinkedHashMap<>();
        models(directory).fields().forEachRemaining(entry -> {
            JsonNode model = entry.getValue();
            if (model.hasNonNull("relation")) {
                relations.put(entry.getKey(), new RelationName(model.path("schema").asText(),
                        model.path("relation").asText().substring(model.path("schema").asText().length() + 1)));
            }
        });
        return relations;
    }

    private static Path manifest(Path directory) {
        Path manifest = Files.isDirectory(directory) ? directory.resolve("manifest.json") : directory;
        if (!Files.isRegularFile(manifest)) {
            throw new SluiceException(ErrorCode.SELECTOR, "--state " + directory + ": no manifest.json there; point it"
                    + " at the target folder of the run to compare with (for example a copy of main's target/)");
        }
        return manifest;
    }

    private static JsonNode models(Path directory) {
        Path manifest = manifest(directory);
        try {
            return JSON.readTree(manifest.toFile()).path("models");
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.SELECTOR, "--state: cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }
}
