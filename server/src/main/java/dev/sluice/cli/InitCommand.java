package dev.sluice.cli;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a new project: sluice.yml, a seed, a source and two models that run on DuckDB.")
final class InitCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Where to create it (default: the current directory).")
    Path directory = Path.of(".");

    @Option(names = "--name", description = "The project name (default: the folder's name).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path root = directory.toAbsolutePath().normalize();
        if (Files.exists(root.resolve("sluice.yml"))) {
            throw new SluiceException(ErrorCode.PROJECT_CONFIG, root.resolve("sluice.yml")
                    + " already exists; init creates new projects only");
        }
        String projectName = name != null ? name : root.getFileName().toString().replaceAll("[^A-Za-z0-9_]", "_");
        write(root.resolve("sluice.yml"), """
                name: %s
                dialect: duckdb
                target: duckdb
                targets:
                  duckdb:
                    path: target/sluice.duckdb
                seeds:
                  schema: raw
                sources:
                  app:
                    schema: raw
                    tables:
                      - users
                vars:
                  active_days: 30
                """.formatted(projectName));
        write(root.resolve("seeds/users.csv"), """
                id,email,signed_up_at,last_seen_at
                1,ada@example.com,2026-01-05 10:00:00,2026-11-20 08:00:00
                2,grace@example.com,2026-02-11 12:30:00,2026-06-01 09:15:00
                3,linus@example.com,2026-03-02 08:45:00,2026-11-25 17:40:00
                """);
        write(root.resolve("models/staging/stg_users.sql"), """
                <@config materialized="view" />
                select id as user_id, lower(email) as email, signed_up_at, last_seen_at
                from ${source("app", "users")}
                """);
        write(root.resolve("models/active_users.sql"), """
                <@config materialized="table" tags=["daily"] />
                select user_id, email, last_seen_at
                from ${ref("stg_users")}
                where last_seen_at >= timestamp '2026-11-26' - interval (${var("active_days")}) day
                """);
        write(root.resolve("macros/.gitkeep"), "");
        write(root.resolve(".gitignore"), "target/\n");
        spec.commandLine().getOut().printf("Created project %s in %s%nNext: ./sluice seed --project %s && ./sluice run"
                + " --project %s%n", projectName, root, directory, directory);
        return 0;
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
