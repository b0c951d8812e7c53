package dev.sluice.cli;

import picocli.CommandLine.Command;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build the selected models and run each one's data tests right after it, in DAG order.",
                "A model whose error-severity tests fail stops its descendants."})
final class BuildCommand extends RunCommand {
    @Override
    boolean withTests() {
        return true;
    }
}
