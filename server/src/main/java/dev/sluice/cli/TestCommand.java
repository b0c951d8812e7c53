package dev.sluice.cli;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunResult;
import dev.sluice.server.transform.TransformationTests;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run data tests against what the warehouse holds.",
                "Generic tests from models yml files, tests/*.sql, and source freshness when nothing is selected.",
                "Failing rows are kept in sluice.failures__<test>.",
                "With nothing selected, the transformations' test cases (transformations/*.yml) run too."})
final class TestCommand implements Callable<Integer> {
    @Mixin
    ProjectOptions projectOptions;

    @Mixin
    ServerOptions serverOptions;

    @Mixin
    SelectionOptions selection;

    @Mixin
    ReportOptions reporting;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = projectOptions.open()) {
            RunResult result = workspace.test(selection.select, selection.exclude,
                    reporting.json || OutputSettings.current().quiet() ? RunListener.NONE
                    : new RunCommand.Progress(err, "tests"));
            int code = reporting.report(result, out, err);
            if (result.tests().isEmpty() && !reporting.json) {
                // Say so: a misplaced yml key or selector can leave a project with tests that never run.
                out.println(selection.select.isEmpty() && selection.exclude.isEmpty()
                        ? "No data tests in this project: declare them under tests: in models/*.yml, or write"
                                + " tests/*.sql"
                        : "No data tests on the selected models");
            }
            // The transformations' declared cases run with the data tests when nothing is selected.
            if (selection.select.isEmpty() && !TransformationTests.read(projectOptions.project).isEmpty()
                    && !TransformTestCommand.runDeclared(projectOptions.project, reporting.json ? err : out)) {
                code = Math.max(code, 1);
            }
            return code;
        }
    }
}
