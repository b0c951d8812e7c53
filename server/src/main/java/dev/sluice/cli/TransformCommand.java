package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "transform", mixinStandardHelpOptions = true,
        description = "Work with the JavaScript transformations in transformations/.",
        subcommands = {TransformTestCommand.class, TransformLogsCommand.class, CommandLine.HelpCommand.class})
final class TransformCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
