package dev.sluice.engine.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.datatest.DataTest;
import dev.sluice.engine.datatest.DataTestRunner;
import dev.sluice.engine.datatest.DataTests;
import dev.sluice.engine.manifest.CompileArtifacts;
import dev.sluice.engine.model.Identifiers;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseCursor;
import dev.sluice.spi.WarehouseSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code sluice docs}: one self-contained HTML page (no network needed) with every model and
 * source, their columns, descriptions, tests with their last results, the DAG as a graph, and
 * search. The data is the manifest, embedded in the page.
 *
 * <p>Thread-safe (stateless).
 */
public final class DocsSite {
    private static final String TEMPLATE = "/sluice/docs/index.html";
    private static final String PLACEHOLDER = "/*SLUICE_DATA*/";

    private DocsSite() {}

    /** Writes {@code index.html} into {@code directory} and returns its path. */
    public static Path write(CompiledProject project, Warehouse warehouse, Path directory) {
        ObjectNode data = CompileArtifacts.manifest(project);
        ArrayNode tests = data.putArray("tests");
        for (DataTest test : DataTests.of(project)) {
            tests.addObject().put("name", test.name()).put("model", test.attachedTo()).put("column", test.column())
                    .put("kind", test.kind());
        }
        project.project().unitTests().forEach(unit -> tests.addObject().put("name", unit.name())
                .put("model", unit.model()).put("kind", "unit"));
        data.set("test_results", lastResults(warehouse));
        try {
            String json = new ObjectMapper().writeValueAsString(data).replace("</", "<\\/");
            Files.createDirectories(directory);
            Path page = directory.resolve("index.html");
            Files.writeString(page, template().replace(PLACEHOLDER, json));
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the docs to " + directory, e);
        }
    }

    /** Each test's latest recorded result, from {@code sluice.test_results}; empty before any test ran. */
    private static ObjectNode lastResults(Warehouse warehouse) {
        ObjectNode results = new ObjectMapper().createObjectNode();
        try (WarehouseSession session = warehouse.openSession()) {
            if (session.describe(DataTestRunner.RESULTS).isEmpty()) {
                return results;
            }
            try (WarehouseCursor cursor = session.query("select test, status, failures from (select test, status,"
                    + " failures, row_number() over (partition by test order by ended_at desc) as recency from "
                    + Identifiers.relation(DataTestRunner.RESULTS) + ") as ranked where recency = 1")) {
                while (cursor.next()) {
                    results.putObject(String.valueOf(cursor.get(0))).put("status", String.valueOf(cursor.get(1)))
                            .put("failures", ((Number) cursor.get(2)).longValue());
                }
            }
        }
        return results;
    }

    private static String template() throws IOException {
        try (InputStream in = DocsSite.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IOException("the docs template " + TEMPLATE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
