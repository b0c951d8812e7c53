package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice sample generate}: the same seed gives the same events, a file of RudderStack events
 * or the project's events table, and the dogfood sample's README walk-through as written.
 */
class SampleGenerateTest {
    static final Path DOGFOOD = Path.of("..", "samples", "dogfood");

    @TempDir
    Path directory;

    @Test
    void theSameSeedGivesTheSameEvents() throws IOException {
        List<String> first = generate("a.ndjson", "1");
        List<String> again = generate("b.ndjson", "1");
        List<String> otherSeed = generate("c.ndjson", "2");
        assertThat(first).hasSizeGreaterThanOrEqualTo(2000).isEqualTo(again).isNotEqualTo(otherSeed);
        // More events with the same seed: the same events, then new ones.
        List<String> more = generate("d.ndjson", "1", "3000");
        assertThat(more.subList(0, first.size())).isEqualTo(first);
        ObjectMapper json = new ObjectMapper();
        List<String> types = new ArrayList<>();
        for (String line : first) {
            JsonNode event = json.readTree(line);
            assertThat(event.path("messageId").asText()).as(line).isNotEmpty();
            assertThat(event.path("timestamp").asText()).as(line).matches("2026-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.000Z");
            types.add(event.path("type").asText());
        }
        assertThat(types).contains("page", "identify", "track", "group", "alias");
        assertThat(first).anySatisfy(line -> assertThat(line).contains("\"previousId\": \"legacy-"))
                .anySatisfy(line -> assertThat(line).contains("\"groupId\": "));
    }

    @Test
    void writesTheProjectsEventsTableAndSkipsEventsItHas() throws IOException {
        Samples.copy(DOGFOOD, directory);
        String project = directory.toString();
        Cli first = Cli.run("sample", "generate", "--events", "1000", "--seed", "3", "--project", project);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        long written = number(first.out(), "Generated (\\d+) events");
        assertThat(first.out()).contains(written + " new in rudder.events, 0 were there already");
        Cli more = Cli.run("sample", "generate", "--events", "1500", "--seed", "3", "--project", project);
        assertThat(more.exitCode()).as(more.toString()).isZero();
        long total = number(more.out(), "Generated (\\d+) events");
        assertThat(more.out()).contains((total - written) + " new in rudder.events, " + written + " were there already");
        Cli count = Cli.run("sql", "select count(*) as n, count(distinct message_id) as ids, count(*) filter (where"
                + " payload is null or received_at is null) as missing, count(*) filter (where type = 'identify' and"
                + " traits is null) as untraited from rudder.events", "--format", "csv", "--project", project);
        assertThat(count.out()).isEqualTo("n,ids,missing,untraited\n" + total + "," + total + ",0,0\n");

        Path quickstart = directory.resolve("quickstart");
        Samples.copy(Samples.QUICKSTART, quickstart);
        Cli noRudder = Cli.run("sample", "generate", "--project", quickstart.toString());
        assertThat(noRudder.exitCode()).isEqualTo(1);
        assertThat(noRudder.err()).contains("rudder source has no table named events", "[identifies, tracks]");
        Cli help = Cli.run("sample", "generate", "--help");
        assertThat(help.out()).contains("--events=N", "--seed=S", "--out=FILE", "The same seed gives the same events");
    }

    /** samples/dogfood/README.md's walk-through, command by command, on a copy of the sample. */
    @Test
    void theDogfoodWalkThroughWorksAsWritten() throws IOException {
        Samples.copy(DOGFOOD, directory);
        String readme = Files.readString(DOGFOOD.resolve("README.md"));
        String opening = "<!-- walk-through -->\n```sh\n";
        int start = readme.indexOf(opening);
        assertThat(start).as("the README's walk-through block").isNotNegative();
        String block = readme.substring(start + opening.length(), readme.indexOf("```", start + opening.length()));
        List<Cli> results = new ArrayList<>();
        for (String line : block.strip().split("\n")) {
            List<String> words = new ArrayList<>();
            Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line.replace("samples/dogfood",
                    directory.toString()));
            while (word.find()) {
                words.add(word.group(1) != null ? word.group(1) : word.group(2));
            }
            assertThat(words.get(0)).isEqualTo("./sluice");
            Cli result = Cli.run(words.subList(1, words.size()).toArray(String[]::new));
            assertThat(result.exitCode()).as(line + "\n" + result).isZero();
            results.add(result);
        }
        assertThat(results.get(0).out()).contains("new in rudder.events");
        // The people query: the README shows its output.
        String expected = readme.substring(readme.indexOf("<!-- walk-through-output -->\n```text\n")
                + "<!-- walk-through-output -->\n```text\n".length());
        expected = expected.substring(0, expected.indexOf("```"));
        assertThat(results.stream().map(Cli::out).toList()).contains(expected);
    }

    private List<String> generate(String file, String seed) throws IOException {
        return generate(file, seed, "2000");
    }

    private List<String> generate(String file, String seed, String events) throws IOException {
        Path out = directory.resolve(file);
        Cli result = Cli.run("sample", "generate", "--events", events, "--seed", seed, "--out", out.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("Wrote ").contains("(seed " + seed + ") to " + out);
        return Files.readAllLines(out);
    }

    private static long number(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
