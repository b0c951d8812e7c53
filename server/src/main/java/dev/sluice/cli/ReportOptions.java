package dev.sluice.cli;

import dev.sluice.engine.run.JUnitReport;
import dev.sluice.engine.run.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a run or test result is reported: tables, JSON, and optionally JUnit XML for CI. */
final class ReportOptions {
    @Option(names = "--json", description = "Print the result as JSON instead of tables.")
    boolean json;

    @Option(names = "--junit-xml", paramLabel = "PATH", description = "Also write the result as JUnit XML for CI.")
    Path junitXml;

    /** Prints the result and returns the exit code: 1 when anything failed. */
    int report(RunResult result, PrintWriter out, PrintWriter err) throws Exception {
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
