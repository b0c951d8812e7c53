package dev.sluice.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.sql.CalciteFrontEnd;
import dev.sluice.engine.sql.ParsedQuery;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.SqlFrontEnd;
import dev.sluice.engine.sql.ValidatedQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validated analyses kept in target/analysis-cache.json spare a new process the validation of unchanged models. */
class PersistedAnalysesTest {
    @TempDir
    Path directory;
    TestProject project;
    /** Models the front end parsed, counted by a wrapper around Calcite's. */
    final AtomicInteger parsed = new AtomicInteger();

    @BeforeEach
    void setUp() {
        project = new TestProject(directory).withRawData()
                .file("models/paid.sql", "select id, customer_id, amount from ${source(\"raw\", \"orders\")} where status = 'paid'")
                .file("models/revenue.sql", "<@config materialized=\"table\" />\n"
                        + "select customer_id, sum(amount) as revenue from ${ref(\"paid\")} group by 1");
        AnalysisCache.clear();
    }

    @AfterEach
    void tearDown() {
        project.close();
        AnalysisCache.clear();
    }

    @Test
    void aNewProcessReadsTheAnalysesOfUnchangedModelsFromDisk() throws Exception {
        CompiledProject first = compile();
        assertThat(parsed.get()).isEqualTo(2);
        Path file = directory.resolve("target").resolve(PersistedAnalyses.FILE);
        assertThat(file).exists();

        AnalysisCache.clear(); // as a new process starts
        CompiledProject second = compile();

        assertThat(parsed.get()).as("nothing parsed again").isEqualTo(2);
        assertThat(columns(second)).isEqualTo(columns(first));
        assertThat(second.models().get("revenue").status()).isEqualTo(ValidationStatus.VALIDATED);
    }

    @Test
    void aCompileWithLineageReadsItsAnalysesAndTheirLineageFromDisk() throws Exception {
        CompiledProject first = compile(true);
        assertThat(first.models().get("revenue").lineage().get("revenue").origins()).isNotEmpty();

        AnalysisCache.clear(); // as a new process starts
        CompiledProject second = compile(true);

        assertThat(parsed.get()).as("nothing parsed again").isEqualTo(2);
        assertThat(columns(second)).isEqualTo(columns(first));
        assertThat(second.models().get("revenue").lineage()).isEqualTo(first.models().get("revenue").lineage());
        assertThat(second.models().get("paid").lineage()).isEqualTo(first.models().get("paid").lineage());

        AnalysisCache.clear();
        compile(false);
        assertThat(parsed.get()).as("an analysis without lineage is kept apart").isEqualTo(4);
        AnalysisCache.clear();
        compile(true);
        compile(false);
        assertThat(parsed.get()).as("both kept side by side").isEqualTo(4);
    }

    @Test
    void aCustomTestsAnalysisIsKeptApartFromTheModelOfItsName() throws Exception {
        // A test named as a model: each keeps its own analysis.
        project.file("tests/revenue.sql", "select customer_id from ${ref(\"revenue\")} where revenue < 0");
        CompiledProject first = compile(true);
        assertThat(parsed.get()).isEqualTo(3);
        assertThat(first.tests()).singleElement().satisfies(test -> assertThat(test.diagnostics()).isEmpty());

        AnalysisCache.clear(); // as a new process starts
        compile(true);
        assertThat(parsed.get()).as("the test is not parsed again either").isEqualTo(3);

        project.file("tests/revenue.sql", "select customer_id from ${ref(\"revenue\")} where revenue < 1");
        AnalysisCache.clear();
        CompiledProject edited = compile(true);
        assertThat(parsed.get()).as("only the edited test").isEqualTo(4);
        assertThat(edited.models().get("revenue").columns()).extracting(SqlCatalog.Column::name)
                .containsExactly("customer_id", "revenue");

        project.file("tests/revenue.sql", "select customer_id from ${ref(\"revenue\")} where total < 1");
        AnalysisCache.clear();
        CompiledProject broken = compile(true);
        assertThat(broken.tests().get(0).diagnostics()).as("a test that stopped validating says so")
                .anySatisfy(diagnostic -> assertThat(diagnostic.message()).contains("total"));
    }

    @Test
    void aChangedSourceTableOrModelIsValidatedAgain() throws Exception {
        // raw.customers has no declared columns: they are read from the warehouse.
        project.file("models/emails.sql", "select id, email from ${source(\"raw\", \"customers\")}");
        compile();
        assertThat(parsed.get()).isEqualTo(3);
        project.execute("alter table raw.customers add column plan varchar");
        AnalysisCache.clear();
        compile();
        assertThat(parsed.get()).as("emails reads raw.customers, whose columns changed; the others did not").isEqualTo(4);

        project.file("models/revenue.sql", "<@config materialized=\"table\" />\n"
                + "select customer_id, sum(amount) as total from ${ref(\"paid\")} group by 1");
        AnalysisCache.clear();
        CompiledProject edited = compile();
        assertThat(parsed.get()).isEqualTo(5);
        assertThat(edited.models().get("revenue").columns()).extracting(SqlCatalog.Column::name)
                .containsExactly("customer_id", "total");
    }

    @Test
    void aFileThatDoesNotReadOrCameFromAnotherBuildIsIgnored() throws Exception {
        compile();
        Path file = directory.resolve("target").resolve(PersistedAnalyses.FILE);
        Files.writeString(file, "{not json");
        AnalysisCache.clear();
        compile();
        assertThat(parsed.get()).isEqualTo(4);

        Files.writeString(file, Files.readString(file).replace(PersistedAnalyses.build(), "another build"));
        AnalysisCache.clear();
        compile();
        assertThat(parsed.get()).isEqualTo(6);
        assertThat(Files.readString(file)).contains(PersistedAnalyses.build());
    }

    @Test
    void clearIncludingDiskValidatesEverythingAgain() throws Exception {
        compile();
        AnalysisCache.clearIncludingDisk(directory.resolve("target"));
        compile();
        assertThat(parsed.get()).isEqualTo(4);
    }

    /** A compile without lineage, as run and build compile, written to target/ like Workspace does. */
    private CompiledProject compile() throws InterruptedException {
        return compile(false);
    }

    private CompiledProject compile(boolean lineage) throws InterruptedException {
        Workspace workspace = project.workspace();
        CompiledProject compiled;
        try (WarehouseAccess access = new WarehouseAccess(workspace.warehouse())) {
            compiled = new Compiler(counting(new CalciteFrontEnd())).compile(workspace.project(), workspace.target(), access,
                    new CompileOptions(false, 1).withLineage(lineage));
        }
        AnalysisCache.writeKept(directory.resolve("target"), compiled);
        return compiled;
    }

    private static Map<String, String> columns(CompiledProject compiled) {
        return compiled.models().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().columns().toString()));
    }

    private SqlFrontEnd counting(SqlFrontEnd calcite) {
        return new SqlFrontEnd() {
            @Override
            public String identity() {
                return calcite.identity();
            }

            @Override
            public ParsedQuery parse(String sql) {
                parsed.incrementAndGet();
                return calcite.parse(sql);
            }

            @Override
            public ValidatedQuery validate(ParsedQuery query, SqlCatalog catalog) {
                return calcite.validate(query, catalog);
            }

            @Override
            public ValidatedQuery validate(ParsedQuery query, SqlCatalog catalog, boolean lineage) {
                return calcite.validate(query, catalog, lineage);
            }
        };
    }
}
