package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's tutorial as written: its model file, its commands, and compares its output. */
class ReadmeTutorialTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path directory;

    @Test
    void theTutorialWorksAsWritten() throws IOException {
        String readme = Files.readString(README);
        Samples.copy(Samples.QUICKSTART, directory);
        Matcher file = Pattern.compile("<!-- tutorial-file: (\\S+) -->\n```sql\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(file.find()).as("the tutorial's model file").isTrue();
        Files.writeString(directory.resolve(file.group(1)), file.group(2));

        assertThat(Cli.run("seed", "--project", directory.toString()).exitCode()).isZero();
        String expectedOutput = block(readme, "<!-- tutorial-output -->\n```text\n");
        String lastOutput = null;
        for (List<String> command : commands(readme)) {
            Cli result = Cli.run(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            lastOutput = result.out();
        }
        assertThat(lastOutput).isEqualTo(expectedOutput);

        Path model = directory.resolve(file.group(1));
        Files.writeString(model, Files.readString(model).replace("t.revenue)", "t.revenu)"));
        Cli mistake = Cli.run("compile", "--project", directory.toString());
        assertThat(mistake.exitCode()).isEqualTo(1);
        assertThat(mistake.err()).contains(block(readme, "<!-- tutorial-error -->\n```text\n").stripTrailing());
    }

    /** The sluice commands of the tutorial's command block, pointed at the copied project. */
    private List<List<String>> commands(String readme) {
        String block = block(readme, "Compile to see what Calcite understood, then build the model and everything it needs:\n\n```sh\n");
        List<List<String>> commands = new ArrayList<>();
        for (String line : block.strip().split("\n")) {
            List<String> words = new ArrayList<>();
            Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line.replace("samples/quickstart", directory.toString()));
            while (word.find()) {
                words.add(word.group(1) != null ? word.group(1) : word.group(2));
            }
            assertThat(words.get(0)).isEqualTo("./sluice");
            commands.add(words.subList(1, words.size()));
        }
        return commands;
    }

    private static String block(String readme, String opening) {
        int start = readme.indexOf(opening);
        assertThat(start).as("README block after " + opening).isNotNegative();
        int from = start + opening.length();
        return readme.substring(from, readme.indexOf("```", from));
    }
}
