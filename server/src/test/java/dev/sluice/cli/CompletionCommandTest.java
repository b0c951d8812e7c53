package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompletionCommandTest {
    @Test
    void printsABashScriptThatCompletesCommandsAndTheirOptions() {
        Cli cli = Cli.run("completion");

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains("complete -F", "sluice")
                .contains("compile", "run", "ls", "completion")
                .contains("--full-refresh", "--threads");
    }
}
