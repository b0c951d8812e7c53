package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the generated docs site in headless Chromium (Debian's package, installed by .ci/run) and
 * reads the DOM after the page's script ran: the graph is drawn and search finds models.
 */
class DocsSiteTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path directory;
    Path page;

    @BeforeEach
    void buildDocs() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            // CI installs Chromium; only a developer machine without it may skip.
            assertThat(System.getenv("CI")).as("Chromium must be installed in CI (.ci/run does it)").isNull();
            assumeThat(Files.isExecutable(CHROMIUM)).as("Chromium is not installed: apt-get install chromium").isTrue();
        }
        Samples.copy(Samples.QUICKSTART, directory);
        String project = directory.toString();
        assertThat(Cli.run("seed", "--project", project).exitCode()).isZero();
        assertThat(Cli.run("build", "--project", project).exitCode()).isZero();
        Cli docs = Cli.run("docs", "--project", project);
        assertThat(docs.exitCode()).as(docs.toString()).isZero();
        page = directory.resolve("target/docs/index.html");
    }

    private String dom(String fragment) throws Exception {
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(directory, "chromium"),
                "--dump-dom", page.toUri() + fragment).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes());
        assertThat(chromium.waitFor(120, TimeUnit.SECONDS)).as("chromium exits").isTrue();
        return dom;
    }

    private static List<String> all(String dom, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(dom);
        List<String> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @Test
    void theGraphRendersEveryModelAndSource() throws Exception {
        String dom = dom("");
        assertThat(all(dom, "<g class=\"node[^\"]*\" data-id=\"([^\"]+)\"")).containsExactlyInAnyOrder("stg_tracks",
                "stg_identifies", "users", "daily_events", "customers", "recent_signups", "source:crm.accounts",
                "source:rudder.tracks", "source:rudder.identifies");
        // stg_tracks 1, stg_identifies 1, users 2, daily_events 1, customers 2, recent_signups 1
        assertThat(all(dom, "<path class=\"(edge)\"")).hasSize(8);
    }

    @Test
    void edgesGoAroundTheBoxesTheyDoNotConnectAndEndInArrowheads() throws Exception {
        // A model that reads a source and a model three layers further: its edge from the source passes
        // the layers of stg_tracks, users and customers.
        Files.writeString(directory.resolve("models/marts/plan_events.sql"), """
                select c.plan, count(*) as events
                from ${ref("customers")} c
                join ${source("rudder", "tracks")} t on t.user_id = c.user_id
                join ${ref("daily_events")} d on d.event = t.event
                group by c.plan
                """);
        Cli docs = Cli.run("docs", "--project", directory.toString());
        assertThat(docs.exitCode()).as(docs.toString()).isZero();
        for (String fragment : List.of("", "#model=customers", "#model=plan_events")) {
            String dom = dom(fragment);
            List<DagGeometry.Box> boxes = DagGeometry.boxes(dom);
            List<String> edges = all(dom, "<path class=\"edge\" d=\"([^\"]+)\"");
            assertThat(edges).as("edges in %s", fragment).isNotEmpty();
            for (String edge : edges) {
                assertThat(DagGeometry.crossings(edge, boxes)).as("boxes crossed by %s in view '%s'", edge, fragment)
                        .isEmpty();
            }
            assertThat(dom).contains("<marker id=\"arrow\"");
            assertThat(all(dom, "<path class=\"edge\"[^>]*marker-end=\"(url\\(#arrow\\))\"")).hasSameSizeAs(edges);
        }
    }

    @Test
    void searchFindsModelsByNameColumnAndDescription() throws Exception {
        assertThat(all(dom("#search=signups"), "data-model=\"([^\"]+)\"")).containsExactly("recent_signups");
        // "opted_out" is a column of customers and recent_signups reads it, but only customers has it.
        assertThat(all(dom("#search=opted_out"), "data-model=\"([^\"]+)\"")).containsExactly("customers");
        assertThat(all(dom("#search=staff"), "data-model=\"([^\"]+)\"")).containsExactly("users");
    }

    @Test
    void aModelPageShowsColumnsTestsWithResultsAndItsLineage() throws Exception {
        String dom = dom("#model=customers");
        assertThat(dom).contains("External users with their CRM account and opt-out flag.");
        assertThat(all(dom, "<tr><td>([a-z_]+)</td><td>[A-Z]+</td>")).contains("user_id", "plan", "opted_out");
        assertThat(dom).contains("<td>accepted_values_customers_plan</td><td>plan</td><td class=\"pass\">pass</td>");
        assertThat(all(dom, "<g class=\"node[^\"]*\" data-id=\"([^\"]+)\"")).contains("customers", "users",
                "recent_signups").doesNotContain("daily_events");
    }
}
