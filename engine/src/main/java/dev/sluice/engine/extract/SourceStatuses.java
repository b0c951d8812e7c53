package dev.sluice.engine.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.project.ProjectConfigReader;
import dev.sluice.engine.project.Yaml;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.source.SourceState;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each {@code extract:} source stands, as {@code sluice sources} and {@code GET /api/sources} show it:
 * the sources declared in {@code sluice.yml} and those with rows in {@code sluice.source_state}, each with
 * the streams it ran, their last committed page, last completed run, rows landed, state and last failure.
 * Reads no API and resolves no {@code ${env.X}}: it needs no secret. Thread-safe (stateless).
 */
public final class SourceStatuses {
    private SourceStatuses() {}

    /**
     * One source.
     *
     * @param type the connector, or {@code null} for a source no longer in {@code sluice.yml}
     * @param schema where its streams land, or {@code null} when it is no longer declared
     * @param streams the streams that ran at least once, in name order
     */
    public record SourceStatus(String name, String type, String schema, boolean declared, List<StreamStatus> streams) {}

    /**
     * One stream.
     *
     * @param table where it lands, or {@code null} when its source is no longer declared
     * @param mode {@code INCREMENTAL} or {@code FULL_REFRESH}: the mode of its last run
     * @param lastSync when its last page was committed (UTC)
     * @param lastCompleted when a run last completed (UTC), or {@code null} when none did
     * @param inProgress whether its last run stopped (or is still going) before its last page
     * @param state what the next run starts from: the cursor reached and, in the middle of a run, the next page
     * @param rows rows in its table now, or {@code null} when the table is not there
     * @param lastError why its last run failed, or {@code null}
     */
    public record StreamStatus(String stream, RelationName table, String mode, LocalDateTime lastSync,
            LocalDateTime lastCompleted, boolean inProgress, SourceState state, Long rows, String lastError) {
        /** {@code failed}, {@code in progress} (running, or interrupted: the next run goes on) or {@code ok}. */
        public String status() {
            return lastError != null ? "failed" : inProgress ? "in progress" : "ok";
        }

        public String cursor() {
            return state.get("cursor").orElse(null);
        }

        /**
         * The state to show a person: a URL's query string (a next-page link may repeat an API key sent as a
         * parameter) becomes {@code ?...}.
         */
        public Map<String, String> shownState() {
            Map<String, String> shown = new java.util.TreeMap<>();
            state.values().forEach((key, value) -> shown.put(key, value.contains("://") && value.contains("?")
                    ? value.substring(0, value.indexOf('?')) + "?..." : value));
            return shown;
        }
    }

    /** Every source, declared ones first in {@code sluice.yml}'s order. */
    public static List<SourceStatus> read(Warehouse warehouse, Path projectDirectory) {
        Map<String, String[]> declared = outlines(projectDirectory);
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        try (WarehouseSession session = warehouse.openSession()) {
            if (session.describe(ExtractTables.STATE).isPresent()) {
                ExtractTables.ensureState(session);
                try (WarehouseCursor cursor = session.query("select source, stream, mode, state, in_progress,"
                        + " updated_at, completed_at, last_error from " + session.sqlDialect().relation(ExtractTables.STATE)
                        + " order by source, stream")) {
                    while (cursor.next()) {
                        Object[] row = new Object[8];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = cursor.get(i);
                        }
                        rows.computeIfAbsent((String) row[0], key -> new ArrayList<>()).add(row);
                    }
                }
            }
            List<String> names = new ArrayList<>(declared.keySet());
            rows.keySet().stream().filter(name -> !declared.containsKey(name)).forEach(names::add);
            List<SourceStatus> statuses = new ArrayList<>();
            for (String name : names) {
                String[] outline = declared.get(name);
                List<StreamStatus> streams = new ArrayList<>();
                for (Object[] row : rows.getOrDefault(name, List.of())) {
                    RelationName table = outline == null ? null : new RelationName(outline[1], (String) row[1]);
                    streams.add(new StreamStatus((String) row[1], table, (String) row[2], time(row[5]), time(row[6]),
                            Boolean.TRUE.equals(row[4]), StateJson.read((String) row[3]), count(session, table),
                            (String) row[7]));
                }
                statuses.add(new SourceStatus(name, outline == null ? null : outline[0],
                        outline == null ? null : outline[1], outline != null, streams));
            }
            return statuses;
        }
    }

    /** Each declared source's type and schema, read from the YAML as written (no variable resolved). */
    private static Map<String, String[]> outlines(Path projectDirectory) {
        JsonNode section = Yaml.read(projectDirectory.resolve(ProjectConfigReader.FILE_NAME),
                ProjectConfigReader.FILE_NAME).path("extract");
        Map<String, String[]> outlines = new LinkedHashMap<>();
        if (section.isObject()) {
            section.properties().forEach(entry -> outlines.put(entry.getKey(), new String[] {
                    entry.getValue().path("type").asText(""),
                    entry.getValue().path("schema").asText("raw_" + entry.getKey())}));
        }
        return outlines;
    }

    private static Long count(WarehouseSession session, RelationName table) {
        if (table == null || session.describe(table).isEmpty()) {
            return null;
        }
        try (WarehouseCursor cursor = session.query("select count(*) from " + session.sqlDialect().relation(table))) {
            cursor.next();
            return ((Number) cursor.get(0)).longValue();
        }
    }

    private static LocalDateTime time(Object value) {
        if (value == null || value instanceof LocalDateTime) {
            return (LocalDateTime) value;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        return LocalDateTime.parse(value.toString().replace(' ', 'T'));
    }
}
