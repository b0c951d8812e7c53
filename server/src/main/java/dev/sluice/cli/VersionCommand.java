package dev.sluice.cli;

import dev.sluice.spi.Warehouses;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Sluice's version, the Java it runs on, and the warehouse connectors it found. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print Sluice's version, the Java runtime and the installed warehouse connectors.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println(spec.parent().version()[0]);
        out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        out.println("connectors " + String.join(", ", Warehouses.factories().keySet()));
        return 0;
    }
}
