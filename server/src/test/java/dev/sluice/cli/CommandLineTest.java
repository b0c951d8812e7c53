package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"init", "compile", "run", "build", "retry", "snapshot", "test", "seed", "ls", "lineage", "sql", "docs", "serve", "sync", "syncs", "clean",
        "debug"})
    void everyCommandHasHelpWithTheProjectOptions(String command) {
        Cli help = Cli.run(command, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: sluice " + command);
        if (!command.equals("init")) {
            assertThat(help.out()).contains("--project=DIR").contains("--target=NAME");
        }
    }

    @Test
    void everyHelpLineIsAWholeSentenceSoSummariesAreNeverCutShort() {
        java.util.List<String> cut = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> commands = new java.util.ArrayDeque<>(
                java.util.List.of(new picocli.CommandLine(new SluiceCommand())));
        while (!commands.isEmpty()) {
            picocli.CommandLine command = commands.pop();
            commands.addAll(command.getSubcommands().values());
            for (String line : command.getCommandSpec().usageMessage().description()) {
                if (!line.isBlank() && !command.getCommandName().equals("help") // picocli's own
                        && !line.matches("(?s)[A-Z`$<].*[.:)]")) {
                    cut.add(command.getCommandName() + ": " + line);
                }
            }
        }
        assertThat(cut).isEmpty();
    }

    @Test
    void initCreatesAProjectThatSeedsAndRuns() {
        Path project = directory.resolve("acme");
        Cli init = Cli.run("init", project.toString());
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(Files.exists(project.resolve("sluice.yml"))).isTrue();
        assertThat(Cli.run("seed", "--project", project.toString()).exitCode()).isZero();
        Cli run = Cli.run("run", "--project", project.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Cli active = Cli.run("sql", "select email from active_users order by email", "--format", "csv", "--project",
                project.toString());
        assertThat(active.out()).isEqualTo("email\nada@example.com\nlinus@example.com\n");
        assertThat(Cli.run("init", project.toString()).err()).contains("already exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run:0", "run:-1", "build:100000", "snapshot:0", "retry:65", "compile:0", "compile:65"})
    void aThreadCountOutOfRangeIsAUsageErrorNotAStackTrace(String commandAndThreads) {
        String[] parts = commandAndThreads.split(":");
        Cli cli = Cli.run(parts[0], "--threads", parts[1], "--project", directory.toString());

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
        assertThat(cli.err()).startsWith("--threads: expected how many models "
                + (parts[0].equals("compile") ? "compile" : "build") + " at once, from 1 to 64, got " + parts[1])
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void cleanRemovesDerivedFilesAndKeepsTheDatabase() throws Exception {
        Path project = directory.resolve("acme");
        Cli.run("init", project.toString());
        Cli.run("seed", "--project", project.toString());
        assertThat(Cli.run("compile", "--project", project.toString()).exitCode()).isZero();

        Cli clean = Cli.run("clean", "--project", project.toString());

        assertThat(clean.out()).contains("removed target/compiled", "removed target/manifest.json");
        assertThat(project.resolve("target/compiled")).doesNotExist();
        assertThat(project.resolve("target/manifest.json")).doesNotExist();
        assertThat(project.resolve("target/sluice.duckdb")).exists();
        assertThat(Cli.run("sql", "select count(*) as n from raw.users", "--format", "csv", "--project",
                project.toString()).out()).as("the seeded data is still there").isEqualTo("n\n3\n");
        assertThat(Cli.run("clean", "--project", project.toString()).out()).startsWith("nothing to clean");
    }

    @Test
    void debugShowsVersionsSettingsAndAQueryWithoutSecrets() throws Exception {
        Path project = directory.resolve("acme");
        Cli.run("init", project.toString());
        Files.writeString(project.resolve("sluice.yml"), Files.readString(project.resolve("sluice.yml")).replace(
                "targets:\n", "targets:\n  other:\n    type: postgres\n    host: localhost\n    port: '1'\n"
                        + "    database: d\n    user: u\n    password: hunter22\n"));

        Cli ok = Cli.run("debug", "--project", project.toString());
        Cli broken = Cli.run("debug", "--project", project.toString(), "--target", "other");

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("project: acme", "target: duckdb (type duckdb", "path: target/sluice.duckdb",
                "connection: OK (duckdb, select 1 in");
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.out()).contains("password: ***", "connection: ERROR").doesNotContain("hunter22");
    }

    @Test
    void versionNamesJavaAndTheConnectors() {
        Cli version = Cli.run("version");

        assertThat(version.out()).startsWith("sluice ").contains("java 17", "connectors ").contains("duckdb", "postgres");
    }

    @Test
    void sqlRefusesALimitBelowOne() {
        Cli cli = Cli.run("sql", "select 1", "--limit", "-5", "--project", directory.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("--limit: expected at least 1 row, got -5");
    }

    @Test
    void sqlWritesTimesWithTheirSeconds() {
        Cli.run("init", directory.toString());
        String query = "select timestamp '2026-11-26 10:00:00' as at, timestamp '2026-11-26 10:00:00.25' as fraction,"
                + " timestamptz '2026-11-26 10:00:00+00' as zoned, time '10:00:00' as clock";

        Cli table = Cli.run("sql", query, "--project", directory.toString());
        Cli csv = Cli.run("sql", query, "--format", "csv", "--project", directory.toString());

        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("2026-11-26 10:00:00 | 2026-11-26 10:00:00.25 | 2026-11-26 10:00:00+00:00 | 10:00:00");
        assertThat(csv.out()).isEqualTo("at,fraction,zoned,clock\n"
                + "2026-11-26 10:00:00,2026-11-26 10:00:00.25,2026-11-26 10:00:00+00:00,10:00:00\n");
    }

    @Test
    void aMissingProjectOrUnknownTargetIsAClearError() {
        Cli missing = Cli.run("compile", "--project", directory.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no sluice.yml").contains("sluice init");
        Cli.run("init", directory.toString());
        Cli target = Cli.run("run", "--project", directory.toString(), "--target", "prod");
        assertThat(target.exitCode()).isEqualTo(1);
        assertThat(target.err()).contains("no target named \"prod\"");
    }

    @Test
    void aMacroLinkedFromOutsideTheProjectIsAOneLineError(@TempDir Path elsewhere) throws Exception {
        Path project = directory.resolve("acme");
        Cli.run("init", project.toString());
        Files.createDirectories(project.resolve("macros"));
        Path link = project.resolve("macros/shared.ftl");
        Files.createSymbolicLink(link, Files.writeString(elsewhere.resolve("shared.ftl"), "<#macro x>1</#macro>"));

        Cli compile = Cli.run("compile", "--project", project.toString());

        assertThat(compile.exitCode()).as(compile.toString()).isEqualTo(1);
        assertThat(compile.err().strip().lines()).as(compile.toString()).singleElement().asString()
                .startsWith("error [TEMPLATE]: " + link).contains("outside");
    }

    @Test
    void theCompileSummaryCountsErrorsOutsideTheModels() throws Exception {
        Path project = directory.resolve("acme");
        Cli.run("init", project.toString());
        Files.createDirectories(project.resolve("models"));
        Files.writeString(project.resolve("models/one.sql"), "select 1 as id\n");
        Files.writeString(project.resolve("models/one.yml"), """
                models:
                  - name: one
                    columns:
                      - name: idd
                        tests: [not_null]
                """);

        Cli compile = Cli.run("compile", "--project", project.toString());

        assertThat(compile.exitCode()).as(compile.toString()).isEqualTo(1);
        assertThat(compile.err()).as(compile.toString()).contains("models/one.yml", "column \"idd\"");
        assertThat(compile.out()).as(compile.toString()).contains(", 0 with errors.")
                .contains("1 error in other project files (above).");
    }

    @Test
    void sqlPrintsATableForPeopleAndReportsWarehouseErrors() {
        Cli.run("init", directory.toString());
        Cli table = Cli.run("sql", "select 1 as one, 'a,b' as two", "--project", directory.toString());
        assertThat(table.out()).contains("one | two").contains("1   | a,b").contains("(1 row)");
        Cli csv = Cli.run("sql", "select 1 as one, 'a,b' as two", "--format", "csv", "--project", directory.toString());
        assertThat(csv.out()).isEqualTo("one,two\n1,\"a,b\"\n");
        Cli bad = Cli.run("sql", "select * from nowhere", "--project", directory.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("nowhere");
    }
}
