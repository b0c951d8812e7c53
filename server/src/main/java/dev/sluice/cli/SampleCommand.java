package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample data for trying Sluice out.",
        subcommands = {SampleGenerateCommand.class, CommandLine.HelpCommand.class})
final class SampleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
