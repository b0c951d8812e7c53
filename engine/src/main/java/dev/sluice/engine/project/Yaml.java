package dev.sluice.engine.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads YAML files into Jackson trees, turning syntax errors into messages with file and line. Thread-safe. */
public final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {}

    /**
     * @param displayName the file as the user knows it, for example {@code models/schema.yml}
     * @return the document's root, or an empty object for an empty file
     */
    public static JsonNode read(Path file, String displayName) {
        return parse(ProjectFiles.readText(file, displayName), displayName);
    }

    /** Parses YAML text; {@code displayName} names it in errors. */
    public static JsonNode parse(String text, String displayName) {
        try {
            JsonNode root = text.isBlank() ? null : MAPPER.readTree(text);
            return root == null || root.isMissingNode() || root.isNull() ? MAPPER.createObjectNode() : root;
        } catch (JsonProcessingException e) {
            MarkedYAMLException marked = marked(e);
            if (marked != null && marked.getProblemMark() != null) {
                // SnakeYAML's own message repeats "in 'reader', line L, column C" with a snippet, once per mark: say
                // the problem once, at its position.
                String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
                throw new SluiceException(ErrorCode.PROJECT_CONFIG, displayName + ":"
                        + (marked.getProblemMark().getLine() + 1) + ":" + (marked.getProblemMark().getColumn() + 1)
                        + ": invalid YAML: " + marked.getProblem() + context, e);
            }
            var location = e.getLocation();
            String where = location == null ? displayName
                    : displayName + ":" + location.getLineNr() + ":" + location.getColumnNr();
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, where + ": invalid YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static MarkedYAMLException marked(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    /**
     * The line (from 1) of the key at {@code path} (each element a map key, from the root) in a YAML file that
     * {@link #read} already parsed, for an error about that key.
     *
     * @return empty when the file cannot be read again or has no such key
     */
    public static java.util.OptionalInt line(Path file, String... path) {
        try (com.fasterxml.jackson.core.JsonParser parser = MAPPER.getFactory().createParser(file.toFile())) {
            java.util.List<String> at = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.core.JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    at.clear();
                    for (com.fasterxml.jackson.core.JsonStreamContext context = parser.getParsingContext();
                            context != null && context.getCurrentName() != null; context = context.getParent()) {
                        at.add(0, context.getCurrentName());
                    }
                    if (at.equals(java.util.List.of(path))) {
                        return java.util.OptionalInt.of(parser.currentTokenLocation().getLineNr());
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Parsed once already: the message goes without its line.
        }
        return java.util.OptionalInt.empty();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
