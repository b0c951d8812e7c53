package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.SluiceCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project {@code sluice init} writes, built through the CLI, with a webhook sync for the sync tests. */
public final class StarterProject {
    private StarterProject() {}

    /** {@code sluice init}, {@code seed} and {@code run} in {@code directory}, each required to succeed. */
    public static void build(Path directory) {
        cli("init", directory.toString());
        cli("seed", "--project", directory.toString());
        cli("run", "--project", directory.toString());
    }

    /** {@code syncs/users_hook.yml}: the {@code stg_users} model upserted by user id to {@code /hook} on {@code port}. */
    public static void writeUsersHook(Path directory, int port) {
        try {
            Files.createDirectories(directory.resolve("syncs"));
            Files.writeString(directory.resolve("syncs/users_hook.yml"), """
                    model: stg_users
                    destination:
                      type: webhook
                      url: http://127.0.0.1:%d/hook
                    mode: upsert
                    primary_key: user_id
                    mapping:
                      email: email
                    """.formatted(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        assertThat(SluiceCommand.execute(args, new PrintWriter(out), new PrintWriter(out))).as(out.toString()).isZero();
    }
}
