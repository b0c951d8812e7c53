package dev.sluice.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/**
 * {@code --server} and {@code --token} of the commands that go through a running {@code sluice serve}; read by
 * {@link ServerRouting} before the command runs.
 */
final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL",
            description = "Run the command in a running `sluice serve` (for example http://localhost:8080). Without it,"
                    + " a server of this project that holds its warehouse is used by itself.")
    URI server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SLUICE_ADMIN_TOKEN}",
            description = "The server's admin token (default: SLUICE_ADMIN_TOKEN, else the variable admin.token in"
                    + " sluice.yml names).")
    String token;
}
