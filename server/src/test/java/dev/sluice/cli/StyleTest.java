package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.model.Materialization;
import dev.sluice.engine.run.ModelRunResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colour and live progress only at a terminal, never with NO_COLOR, TERM=dumb or --quiet. */
class StyleTest {
    @Test
    void colourAndLiveLinesNeedATerminal() {
        assertThat(Style.of(true, false, Map.of())).isEqualTo(new Style(true, true));
        assertThat(Style.of(false, false, Map.of())).isEqualTo(Style.PLAIN);
        assertThat(Style.of(true, false, Map.of("NO_COLOR", "1"))).isEqualTo(new Style(false, true));
        assertThat(Style.of(true, false, Map.of("NO_COLOR", ""))).as("an empty NO_COLOR is unset")
                .isEqualTo(new Style(true, true));
        assertThat(Style.of(true, false, Map.of("TERM", "dumb"))).isEqualTo(Style.PLAIN);
        assertThat(Style.of(true, true, Map.of())).as("--quiet").isEqualTo(new Style(true, false));
        assertThat(Style.current()).as("tests do not run at a terminal").isEqualTo(Style.PLAIN);
    }

    private static String progress(Style style) {
        StringWriter text = new StringWriter();
        RunCommand.Progress progress = new RunCommand.Progress(new PrintWriter(text, true), "models", style).compiling();
        progress.compiled(List.of());
        progress.runStarted("r-1", 2);
        progress.modelStarted("orders");
        progress.modelStarted("customers");
        Instant now = Instant.now();
        progress.modelFinished(new ModelRunResult("orders", Materialization.TABLE, ModelRunResult.Status.SUCCESS, 3L,
                now, now, null));
        progress.modelFinished(new ModelRunResult("customers", Materialization.TABLE, ModelRunResult.Status.ERROR, null,
                now, now, "boom"));
        return text.toString();
    }

    @Test
    void aTerminalGetsColourAndALiveLineOtherOutputPlainLines() {
        String plain = progress(Style.PLAIN);
        assertThat(plain).doesNotContain("\u001b", "\r").contains("  start  orders\n", "  start  customers\n",
                "  [1/2] success orders (0.00s)\n", "  [2/2] error   customers (0.00s)\n");

        String terminal = progress(new Style(true, true));
        assertThat(terminal).contains("\r\u001b[2KCompiling the project...", "] \u001b[32msuccess\u001b[0m orders",
                "\u001b[31merror  \u001b[0m customers", "\r\u001b[2K  0/2 done; building orders, customers",
                "\r\u001b[2K  1/2 done; building customers").doesNotContain("start  ");

        String noColor = progress(new Style(false, true));
        assertThat(noColor).doesNotContain("\u001b[3").contains("  [1/2] success orders");
    }

    private static String compiling(Style style) {
        StringWriter text = new StringWriter();
        CompileProgress progress = new CompileProgress(new PrintWriter(text, true), style);
        for (int done = 1; done <= 400; done++) {
            progress.compiled(done, 400);
        }
        progress.clear();
        return text.toString();
    }

    @Test
    void aTerminalSeesTheCountOfModelsCompiledOtherOutputNothing() {
        String terminal = compiling(new Style(true, true));
        assertThat(terminal).startsWith("\r\u001b[2KCompiling 1/400 models").contains("\r\u001b[2KCompiling 400/400 models")
                .endsWith("Compiling 400/400 models\r\u001b[2K");
        assertThat(compiling(Style.PLAIN)).as("not a terminal, TERM=dumb").isEmpty();
        assertThat(compiling(Style.of(true, true, Map.of()))).as("--quiet").isEmpty();
        assertThat(compiling(Style.of(true, false, Map.of("NO_COLOR", "1")))).as("NO_COLOR").isEmpty();

        // A run's compile counts too, on the run's progress line.
        StringWriter run = new StringWriter();
        RunCommand.Progress progress = new RunCommand.Progress(new PrintWriter(run, true), "models", new Style(true, true))
                .compiling();
        progress.compiling(7, 7);
        progress.compiled(List.of());
        assertThat(run.toString()).contains("\r\u001b[2KCompiling 7/7 models\r\u001b[2K");
    }

    @Test
    void compileNonTtyPrintsNoProgressLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path project)
            throws Exception {
        Samples.copy(Samples.QUICKSTART, project);
        // Unseeded, customers does not validate: exit 1, but it compiles the six models all the same.
        Cli compile = Cli.run("compile", "--project", project.toString());
        assertThat(compile.out()).as(compile.toString()).startsWith("Compiled 6 models");
        assertThat(compile.err()).doesNotContain("Compiling", "\r", "\u001b");
    }
}
