package dev.sluice.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.SampleProject;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.sql.CalciteFrontEnd;
import dev.sluice.engine.sql.ModelDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice compile --dialect snowflake} on the sample projects: every model's Snowflake SQL equals the
 * committed golden file under {@code samples/<project>/golden/snowflake/}. Run with
 * {@code -Dsluice.golden.record=true} to rewrite the golden files from the current output (then review the diff).
 */
class SnowflakeGoldenTest {
    private static final boolean RECORD = Boolean.getBoolean("sluice.golden.record");

    @TempDir
    Path directory;

    @Test
    void quickstartTranslatesEveryModelExactlyAsCommitted() throws Exception {
        Path golden = SampleProject.QUICKSTART.resolve("golden/snowflake");
        try (Workspace workspace = Workspace.open(SampleProject.copy(SampleProject.QUICKSTART, directory), null)) {
            workspace.seed();
            CompiledProject project = workspace.compile(new CompileOptions(false, 2));
            List<Diagnostic> refusals = DialectArtifacts.SNOWFLAKE.write(project, directory.resolve("target")).refusals();

            assertThat(refusals).isEmpty();
            Path written = directory.resolve("target/compiled/snowflake");
            if (RECORD) {
                Files.createDirectories(golden);
                for (Path file : sqlFiles(written)) {
                    Files.copy(file, golden.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // Every model but the ephemeral one, which is inlined where it is read.
            assertThat(sqlFiles(written)).extracting(file -> file.getFileName().toString()).containsExactly(
                    "customers.sql", "daily_events.sql", "recent_signups.sql", "stg_tracks.sql", "users.sql");
            for (Path file : sqlFiles(golden)) {
                assertThat(written.resolve(file.getFileName())).as(file.getFileName().toString())
                        .hasSameTextualContentAs(file);
            }
            assertThat(sqlFiles(golden)).hasSameSizeAs(sqlFiles(written));
            // What is written at least reads as Snowflake SQL to Sluice's own grammar.
            CalciteFrontEnd snowflake = new CalciteFrontEnd(ModelDialect.SNOWFLAKE);
            for (Path file : sqlFiles(written)) {
                assertThat(snowflake.parse(Files.readString(file)).tables()).as(file.toString()).isNotEmpty();
            }
        }
    }

    private static List<Path> sqlFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
        }
    }
}
