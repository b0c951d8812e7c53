package dev.sluice.engine.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.sql.CodeStamp;
import dev.sluice.engine.sql.ColumnLineage;
import dev.sluice.engine.sql.ColumnOrigin;
import dev.sluice.engine.sql.SqlCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validated analyses kept in {@code target/analysis-cache.json}, so a new process (each {@code sluice run}
 * on the command line) does not parse and validate again a model whose rendered SQL and inputs did not
 * change, as dbt keeps its partial parse. One entry per model: the digest of its {@link AnalysisCache.Key}
 * (front end, default schema, SQL, the catalog entry of every relation it may read) and its columns.
 * Only validated analyses without diagnostics are kept, as {@link AnalysisCache} keeps them; an analysis with
 * column lineage ({@code sluice compile}) is kept beside the one without ({@code sluice run}), with each
 * column's lineage.
 *
 * <p>The file says which build of the engine wrote it, and each digest covers the front end's identity
 * (its build included): a file from another build, or one that does not read, is ignored and written anew. Thread-safe; one instance per target folder in a process.
 */
final class PersistedAnalyses {
    static final String FILE = "analysis-cache.json";
    private static final Logger LOG = LoggerFactory.getLogger(PersistedAnalyses.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 2;
    /** Guarded by itself. */
    private static final Map<Path, PersistedAnalyses> BY_FOLDER = new HashMap<>();
    private static volatile String build;

    /** @param lineage each column's lineage, in the order of {@code columns}; {@code null} when not traced */
    record Entry(String digest, List<SqlCatalog.Column> columns, List<ColumnLineage> lineage) {}

    private final Path file;
    private final Map<String, Entry> byModel = new ConcurrentHashMap<>();
    private final Map<String, Entry> withLineageByModel = new ConcurrentHashMap<>();
    private volatile boolean changed;

    private PersistedAnalyses(Path file) {
        this.file = file;
    }

    /** The store of {@code targetDirectory}, read from its file the first time this process asks. */
    static PersistedAnalyses of(Path targetDirectory) {
        Path folder = targetDirectory.toAbsolutePath().normalize();
        synchronized (BY_FOLDER) {
            return BY_FOLDER.computeIfAbsent(folder, key -> {
                PersistedAnalyses store = new PersistedAnalyses(key.resolve(FILE));
                store.read();
                return store;
            });
        }
    }

    /** Forgets every folder's store read in this process (not the files): for tests and benchmarks. */
    static void forgetLoaded() {
        synchronized (BY_FOLDER) {
            BY_FOLDER.clear();
        }
    }

    /** The model's kept entry, with lineage or without, when it has this digest. */
    Entry find(String model, String digest, boolean lineage) {
        Entry entry = (lineage ? withLineageByModel : byModel).get(model);
        return entry != null && entry.digest().equals(digest) ? entry : null;
    }

    /** @param lineage each column's lineage in the order of {@code columns}, or {@code null} when not traced */
    void keep(String model, String digest, List<SqlCatalog.Column> columns, List<ColumnLineage> lineage) {
        Entry entry = new Entry(digest, List.copyOf(columns), lineage == null ? null : List.copyOf(lineage));
        Entry earlier = (lineage == null ? byModel : withLineageByModel).put(model, entry);
        if (earlier == null || !earlier.digest().equals(digest)) {
            changed = true;
        }
    }

    /**
     * Writes the entries of {@code models} (a model no longer in the project is dropped) when anything
     * changed since the file was read or last written. A failure to write is logged, not thrown: the file
     * only saves time.
     */
    synchronized void write(Set<String> models) {
        boolean dropped = byModel.keySet().retainAll(models);
        dropped |= withLineageByModel.keySet().retainAll(models);
        if (!changed && !dropped) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("build", build());
        writeEntries(root.putObject("analyses"), byModel);
        writeEntries(root.putObject("withLineage"), withLineageByModel);
        try {
            Files.createDirectories(file.getParent());
            Path written = file.resolveSibling(FILE + ".tmp");
            Files.write(written, JSON.writeValueAsBytes(root));
            Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            changed = false;
        } catch (IOException e) {
            LOG.warn("could not write {}: {}; the next process validates every model again", file, e.getMessage());
        }
    }

    private void read() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.path("format").asInt() != FORMAT || !build().equals(root.path("build").asText())) {
                return; // another build of Sluice validated these: validate again
            }
            readEntries(root.path("analyses"), byModel, false);
            readEntries(root.path("withLineage"), withLineageByModel, true);
        } catch (IOException | RuntimeException e) {
            byModel.clear();
            withLineageByModel.clear();
            changed = true;
            LOG.warn("ignoring {}, which does not read ({}); every model is validated again", file, e.getMessage());
        }
    }

    private static void writeEntries(ObjectNode analyses, Map<String, Entry> entries) {
        entries.forEach((model, entry) -> {
            ObjectNode node = analyses.putObject(model);
            node.put("digest", entry.digest());
            ArrayNode columns = node.putArray("columns");
            entry.columns().forEach(column -> columns.addArray().add(column.name()).add(column.type()).add(column.nullable()));
            if (entry.lineage() != null) {
                ArrayNode lineage = node.putArray("lineage");
                for (ColumnLineage column : entry.lineage()) {
                    ObjectNode written = lineage.addObject();
                    if (column.unknownReason() != null) {
                        written.put("unknown", column.unknownReason());
                    }
                    ArrayNode origins = written.putArray("origins");
                    column.origins().forEach(origin -> origins.addArray().add(origin.relation()).add(origin.column())
                            .add(origin.derived()));
                }
            }
        });
    }

    private static void readEntries(JsonNode analyses, Map<String, Entry> into, boolean withLineage) {
        analyses.properties().forEach(field -> {
            JsonNode node = field.getValue();
            List<SqlCatalog.Column> columns = new ArrayList<>();
            node.path("columns").forEach(column -> columns.add(new SqlCatalog.Column(
                    column.get(0).asText(), column.get(1).asText(), column.get(2).asBoolean())));
            List<ColumnLineage> lineage = null;
            if (withLineage) {
                lineage = new ArrayList<>();
                for (JsonNode column : node.path("lineage")) {
                    if (column.has("unknown")) {
                        lineage.add(ColumnLineage.unknown(column.get("unknown").asText()));
                    } else {
                        List<ColumnOrigin> origins = new ArrayList<>();
                        column.path("origins").forEach(origin -> origins.add(new ColumnOrigin(origin.get(0).asText(),
                                origin.get(1).asText(), origin.get(2).asBoolean())));
                        lineage.add(new ColumnLineage(origins, null));
                    }
                }
                if (lineage.size() != columns.size()) {
                    throw new IllegalStateException(field.getKey() + ": " + lineage.size() + " lineages for "
                            + columns.size() + " columns");
                }
            }
            into.put(field.getKey(), new Entry(node.path("digest").asText(), List.copyOf(columns), lineage));
        });
    }

    /** The digest of a key: SHA-256 of its parts, each relation's catalog entry in name order. */
    static String digest(AnalysisCache.Key key) {
        StringBuilder text = new StringBuilder().append(key.frontEnd().identity()).append('\n').append(key.lineage())
                .append('\n').append(key.defaultSchema()).append('\n').append(key.sql().length()).append(':')
                .append(key.sql()).append('\n');
        key.inputs().entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Object::toString)))
                .forEach(input -> text.append(input.getKey()).append('=').append(input.getValue()).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The build of the engine (the front end's own build is part of its {@link dev.sluice.engine.sql.SqlFrontEnd#identity}). */
    static String build() {
        String known = build;
        if (known == null) {
            known = CodeStamp.of(PersistedAnalyses.class);
            build = known;
        }
        return known;
    }
}
