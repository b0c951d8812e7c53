package dev.sluice.engine.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseRelation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What compiles asked the warehouse's catalog (each relation's kind and columns, or that it is absent), kept in
 * {@code target/warehouse-catalog.json} with the warehouse's {@linkplain dev.sluice.spi.WarehouseFactory#catalogStamp
 * catalog stamp}, so that a later compile whose stamp is the same answers from the file and need not connect (on
 * DuckDB, not even load it). A different stamp, target or settings, or a file that does not read, and nothing is
 * answered from it; questions it does not hold still go to the warehouse, and are added.
 *
 * <p>Thread-safe.
 */
public final class RecordedCatalog {
    static final String FILE = "warehouse-catalog.json";
    private static final int FORMAT = 1;
    private static final Logger LOG = LoggerFactory.getLogger(RecordedCatalog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Records nothing and answers nothing: for warehouses without a stamp. */
    public static final RecordedCatalog NONE = new RecordedCatalog(null, null);

    private final Path file;
    /** The digest of the target, its settings and the build of its connector; {@code null} for {@link #NONE}. */
    private final String target;
    private final Map<RelationName, Optional<WarehouseRelation>> answers = new ConcurrentHashMap<>();
    private volatile boolean learned;

    private RecordedCatalog(Path file, String target) {
        this.file = file;
        this.target = target;
    }

    /**
     * The answers recorded in {@code targetDirectory} for this target as its catalog is now.
     *
     * @param target what identifies the target: its name, settings and connector build (digested, never written)
     * @param stamp the warehouse's catalog stamp now, before connecting; empty records nothing
     */
    public static RecordedCatalog read(Path targetDirectory, String target, Optional<String> stamp) {
        if (stamp.isEmpty()) {
            return NONE;
        }
        RecordedCatalog catalog = new RecordedCatalog(targetDirectory.resolve(FILE), digest(target));
        catalog.readIfStamped(stamp.get());
        return catalog;
    }

    /** The recorded answer about {@code relation}: empty when not recorded, else present or absent. */
    Optional<Optional<WarehouseRelation>> find(RelationName relation) {
        return Optional.ofNullable(answers.get(relation));
    }

    /** An answer the warehouse gave; kept for {@link #write}. */
    void learn(RelationName relation, Optional<WarehouseRelation> answer) {
        if (target != null && !answer.equals(answers.put(relation, answer))) {
            learned = true;
        }
    }

    /**
     * Writes every answer with {@code stamp}, the catalog stamp taken after the warehouse closed, when the
     * warehouse answered anything new. A failure to write is logged: the file only saves time.
     */
    public synchronized void write(Optional<String> stamp) {
        if (target == null || !learned || stamp.isEmpty()) {
            return;
        }
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("target", target).put("stamp", stamp.get());
        ArrayNode relations = root.putArray("relations");
        answers.forEach((name, answer) -> {
            ObjectNode node = relations.addObject().put("schema", name.schema()).put("name", name.name());
            answer.ifPresent(found -> {
                node.put("kind", found.kind().name());
                node.putArray("found").add(found.name().schema()).add(found.name().name());
                if (found.rows() != null) {
                    node.put("rows", found.rows());
                }
                ArrayNode columns = node.putArray("columns");
                found.columns().forEach(column -> columns.addArray().add(column.name()).add(column.type())
                        .add(column.nullable()));
            });
        });
        try {
            Files.createDirectories(file.getParent());
            Path written = file.resolveSibling(FILE + ".tmp");
            Files.write(written, JSON.writeValueAsBytes(root));
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            learned = false;
        } catch (IOException e) {
            LOG.warn("could not write {}: {}; the next compile asks the warehouse again", file, e.getMessage());
        }
    }

    private void readIfStamped(String stamp) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root.path("format").asInt() != FORMAT || !target.equals(root.path("target").asText())
                    || !stamp.equals(root.path("stamp").asText())) {
                return; // another target, or the catalog may have changed since
            }
            for (JsonNode node : root.path("relations")) {
                RelationName name = new RelationName(node.get("schema").asText(), node.get("name").asText());
                if (!node.has("kind")) {
                    answers.put(name, Optional.empty());
                    continue;
                }
                List<WarehouseColumn> columns = new ArrayList<>();
                node.path("columns").forEach(column -> columns.add(new WarehouseColumn(column.get(0).asText(),
                        column.get(1).asText(), column.get(2).asBoolean())));
                RelationName found = new RelationName(node.get("found").get(0).asText(), node.get("found").get(1).asText());
                answers.put(name, Optional.of(new WarehouseRelation(found, RelationKind.valueOf(node.get("kind").asText()),
                        columns, node.has("rows") ? node.get("rows").asLong() : null)));
            }
        } catch (IOException | RuntimeException e) {
            answers.clear();
            LOG.warn("ignoring {}, which does not read ({}); the compile asks the warehouse", file, e.getMessage());
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
