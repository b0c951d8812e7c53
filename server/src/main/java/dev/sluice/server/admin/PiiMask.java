package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.collect.RawJson;
import java.util.List;

/**
 * Masks configured fields of an event before anyone sees it in the live event view: each dotted
 * path ({@code context.traits.email}) that exists is replaced by {@value AdminConfig#MASKED}.
 * Immutable and thread-safe.
 */
public final class PiiMask {
    private final List<String[]> paths;

    public PiiMask(List<String> dottedPaths) {
        this.paths = dottedPaths.stream().map(path -> path.split("\\.")).toList();
    }

    /** A masked copy; the event itself is not changed. */
    public JsonNode apply(JsonNode event) {
        // A deep copy with properties and traits parsed: masked paths may lead into them.
        JsonNode copy = RawJson.expanded(event);
        for (String[] path : paths) {
            JsonNode parent = copy;
            for (int index = 0; index < path.length - 1 && parent != null; index++) {
                parent = parent.get(path[index]);
            }
            if (parent instanceof ObjectNode object && object.has(path[path.length - 1])
                    && !object.get(path[path.length - 1]).isNull()) {
                object.put(path[path.length - 1], AdminConfig.MASKED);
            }
        }
        return copy;
    }
}
