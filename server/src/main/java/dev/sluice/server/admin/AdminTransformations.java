package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.transform.Transformation;
import dev.sluice.server.transform.TransformationLog;
import dev.sluice.server.transform.TransformationStats;
import dev.sluice.server.transform.Transformations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The project's transformations as the admin API and the console show them: each one's file, version,
 * counts since the server started and the newest lines it wrote with {@code log(...)}.
 *
 * <p>Thread-safe: {@link Transformations} is.
 */
public final class AdminTransformations {
    private final Transformations transformations;

    /** @param transformations {@code null} when the server has none */
    public AdminTransformations(Transformations transformations) {
        this.transformations = transformations;
    }

    /** Every transformation of the project, by name, each with its newest {@code limit} log lines (newest first). */
    public ArrayNode list(int limit) {
        ArrayNode list = ApiJson.mapper().createArrayNode();
        if (transformations == null) {
            return list;
        }
        Map<String, TransformationStats> stats = transformations.stats();
        Map<String, TransformationLog> logs = transformations.logs();
        for (Transformation transformation : new TreeMap<>(transformations.files().transformations()).values()) {
            ObjectNode json = ApiJson.object();
            json.put("name", transformation.name());
            json.put("file", transformation.file());
            json.put("version", transformation.version());
            TransformationStats counts = stats.get(transformation.name());
            json.put("loaded", counts != null);
            json.put("received", counts == null ? 0 : counts.received());
            json.put("emitted", counts == null ? 0 : counts.emitted());
            json.put("dropped", counts == null ? 0 : counts.dropped());
            json.put("failed", counts == null ? 0 : counts.failed());
            TransformationLog log = logs.get(transformation.name());
            json.put("logLines", log == null ? 0 : log.written());
            ArrayNode lines = json.putArray("log");
            if (log != null) {
                List<TransformationLog.Line> newest = new ArrayList<>(log.lines());
                Collections.reverse(newest);
                newest.stream().limit(limit).forEach(line -> {
                    ObjectNode entry = lines.addObject();
                    entry.put("at", line.at().toString());
                    entry.put("messageId", line.messageId());
                    entry.put("text", line.text());
                });
            }
            list.add(json);
        }
        return list;
    }
}
