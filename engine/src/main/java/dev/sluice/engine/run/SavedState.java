package dev.sluice.engine.run;

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
    private SavedState() {}

    /**
     * @param directory a folder holding {@code manifest.json} (a run's {@code target/}), or the file itself
     * @throws SluiceException when there is no manifest there or it cannot be read
     */
    public static Map<String, String> fingerprints(Path directory) {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        models(directory).fields().forEachRemaining(entry -> fingerprints.put(entry.getKey(),
                entry.getValue().path("fingerprint").asText("")));
        return fingerprints;
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

    private static JsonNode models(Path directory) {
        Path manifest = Files.isDirectory(directory) ? directory.resolve("manifest.json") : directory;
        if (!Files.isRegularFile(manifest)) {
            throw new SluiceException(ErrorCode.SELECTOR, "--state " + directory + ": no manifest.json there; point it"
                    + " at the target folder of the run to compare with (for example a copy of main's target/)");
        }
        try {
            return new ObjectMapper().readTree(manifest.toFile()).path("models");
        } catch (IOException e) {
            throw new SluiceException(ErrorCode.SELECTOR, "--state: cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }
}
