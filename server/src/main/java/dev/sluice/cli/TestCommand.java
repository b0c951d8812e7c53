package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.run.JUnitReport;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run data tests against what the warehouse holds: generic tests from models yml files,",
                "tests/*.sql, and source freshness when nothing is selected. Failing rows are kept in sluice.failures__<test>."})
final class TestCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Option(names = {"-s", "--select"}, paramLabel = "SELECTOR", description = "Test only these models (default: all).")
    List<String> select = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "SELECTOR", description = "Models whose tests are left out.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON instead of a table.")
    boolean json;

    @Option(names = "--junit-xml", paramLabel = "PATH", description = "Also write the result as JUnit XML for CI.")
    Path junitXml;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = projectOptions.open()) {
            RunResult result = workspace.test(select, exclude, json ? RunListener.NONE : new RunCommand.Progress(err, "tests"));
            if (junitXml != null) {
                JUnitReport.write(result, junitXml);
            }
            if (json) {
                out.println(RunPrinter.json(result));
            } else {
                RunPrinter.printTables(result, out, err);
            }
            out.flush();
            return result.failed() ? 1 : 0;
        }
    }
}
