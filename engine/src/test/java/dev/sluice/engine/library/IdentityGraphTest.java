package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL identity graph (pointer jumping in an iterative model) against a union-find written in Java,
 * on generated graphs: chains, stars, a path of 1,000 nodes, random graphs, built at once and with
 * links arriving across incremental runs. Every run checks the people (the components) and their
 * names: each person's sluice_id is the md5 of their id that was seen first, however many runs the
 * links took to arrive. One project; each graph starts with a full refresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityGraphTest {
    TestProject project;
    RawEvents events;

    @BeforeAll
    void setUp(@TempDir Path directory) {
        project = new TestProject(directory).file("sluice.yml", """
                name: graphs
                packages: [rudder, identity, profiles]
                targets:
                  duckdb: {path: target/graphs.duckdb, schema: analytics}
                vars:
                  # Incremental runs read exactly the events after the previous run's.
                  identity_lookback_minutes: 0
                """);
        events = new RawEvents(project);
    }

    @AfterAll
    void tearDown() {
        project.close();
    }

    @Test
    void chainsAndStars() {
        List<int[]> edges = new ArrayList<>();
        // Chains of 2..30 nodes, then stars with 1..40 leaves, side by side.
        int next = 0;
        for (int length = 2; length <= 30; length += 7) {
            for (int i = 0; i < length - 1; i++) {
                edges.add(new int[] {next + i, next + i + 1});
            }
            next += length;
        }
        for (int leaves = 1; leaves <= 40; leaves += 13) {
            for (int leaf = 1; leaf <= leaves; leaf++) {
                edges.add(new int[] {next, next + leaf});
            }
            next += leaves + 1;
        }
        new Scenario(next + 5, new Random(1)).run(edges);
        // The same, the links arriving in three runs in random order.
        Collections.shuffle(edges, new Random(2));
        Scenario overRuns = new Scenario(next + 5, new Random(1));
        int third = edges.size() / 3;
        overRuns.run(edges.subList(0, third));
        overRuns.run(edges.subList(third, 2 * third));
        overRuns.run(edges.subList(2 * third, edges.size()));
    }

    @Test
    void aPathOfAThousandNodesConvergesInLogarithmicPasses() {
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            edges.add(new int[] {i, i + 1});
        }
        // Ids numbered along the path, and numbered at random.
        int ordered = new Scenario(1000, null).run(edges);
        int shuffled = new Scenario(1000, new Random(7)).run(edges);
        // log2(1000) is about 10 (both take 11 passes today); one hop per pass would take 999.
        assertThat(ordered).isLessThanOrEqualTo(2 * 10 + 2);
        assertThat(shuffled).isLessThanOrEqualTo(2 * 10 + 2);
    }

    @Test
    void randomGraphs() {
        for (int seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            int size = 200 + random.nextInt(300);
            List<int[]> edges = randomEdges(random, size, size * seed / 3);
            new Scenario(size, random).run(edges);
            // The same graph over two runs.
            Scenario overRuns = new Scenario(size, new Random(seed));
            overRuns.run(edges.subList(0, edges.size() / 2));
            overRuns.run(edges.subList(edges.size() / 2, edges.size()));
        }
    }

    @Test
    void aLinkArrivingInALaterRunJoinsTwoPeople() {
        List<int[]> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(new int[] {i, i + 1});
            first.add(new int[] {100 + i, 100 + i + 1});
        }
        Scenario scenario = new Scenario(200, new Random(3));
        scenario.run(first);
        List<List<Object>> before = project.query("select distinct sluice_id from analytics.id_graph where id in ('n5', 'n105')");
        assertThat(before).hasSize(2);
        scenario.run(List.of(new int[] {20, 150}, new int[] {150, 110}));
        List<List<Object>> after = project.query("select distinct sluice_id from analytics.id_graph where id in ('n5', 'n105')");
        assertThat(after).hasSize(1);
        // The merged person keeps one of the two old sluice_ids (the older one: the scenario checks which).
        assertThat(before).contains(after.get(0));
    }

    @Test
    void previousSluiceIdStaysUntilTheIdMovesAgain() {
        List<int[]> first = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(new int[] {i, i + 1});
            first.add(new int[] {20 + i, 20 + i + 1});
        }
        Scenario scenario = new Scenario(40, new Random(7));
        scenario.run(first);
        Map<Object, Object> before = sluiceIds("id in ('n0', 'n20', 'n35')");
        scenario.run(List.of(new int[] {5, 25}));
        String merged = (String) sluiceIds("id = 'n0'").get("n0");
        String moved = merged.equals(before.get("n0")) ? "n20" : "n0";
        String stayed = moved.equals("n0") ? "n20" : "n0";
        Map<Object, Object> afterMerge = previousSluiceIds("id in ('n0', 'n20')");
        assertThat(afterMerge).containsEntry(moved, before.get(moved));

        // A run with no new link, then one that only adds another id to the merged person.
        scenario.run(List.of());
        assertThat(previousSluiceIds("id in ('n0', 'n20')")).as("after a run with no new link").isEqualTo(afterMerge);
        scenario.run(List.of(new int[] {3, 35}));
        Map<Object, Object> afterGrowth = previousSluiceIds("id in ('n0', 'n20', 'n35')");
        assertThat(afterGrowth).as("after the person gained an id").containsEntry(moved, before.get(moved))
                .containsEntry("n35", before.get("n35"));
        assertThat(afterGrowth.get(stayed)).isEqualTo(afterMerge.get(stayed)).isNotEqualTo(merged);
    }

    @Test
    void linksArrivingOverIncrementalRunsGiveTheSamePeopleAsAFullBuild() {
        Random random = new Random(11);
        int size = 1500;
        List<int[]> edges = new ArrayList<>();
        // A path of 1,000 nodes, stars and chains, and random links, arriving in random order over six runs.
        for (int i = 0; i < 999; i++) {
            edges.add(new int[] {i, i + 1});
        }
        for (int leaf = 1; leaf <= 60; leaf++) {
            edges.add(new int[] {1100, 1100 + leaf});
        }
        edges.addAll(randomEdges(random, size, 250));
        Collections.shuffle(edges, random);
        Scenario scenario = new Scenario(size, random);
        int batch = edges.size() / 6 + 1;
        for (int start = 0; start < edges.size(); start += batch) {
            scenario.run(edges.subList(start, Math.min(edges.size(), start + batch)));
        }
        Map<Object, Object> incremental = sluiceIds();
        RunResult full = project.run(new RunOptions(List.of("+id_graph"), List.of(), 2, true), RunListener.NONE);
        assertThat(full.failed()).as(full.toString()).isFalse();
        assertThat(sluiceIds()).isEqualTo(incremental);
    }

    @Test
    void twoBigPeopleMergeInALaterRunAndTheirEventsAndProfilesFollow() {
        List<int[]> first = new ArrayList<>();
        for (int i = 0; i < 299; i++) {
            first.add(new int[] {i, i + 1});
            first.add(new int[] {300 + i, 300 + i + 1});
        }
        // 600..649 stay on their own: nothing about them may change.
        Scenario scenario = new Scenario(650, new Random(5));
        scenario.run(first, "+profiles");
        Map<Object, Object> bystanders = sluiceIds("id in ('n600', 'n620', 'n649')");
        assertThat(distinct("select sluice_id from analytics.profiles")).hasSize(2 + 50);
        scenario.run(List.of(new int[] {150, 450}), "+profiles");
        assertThat(distinct("select sluice_id from analytics.id_graph where id in ('n0', 'n599')")).hasSize(1);
        assertThat(sluiceIds("id in ('n600', 'n620', 'n649')")).isEqualTo(bystanders);
        assertThat(distinct("select sluice_id from analytics.profiles")).hasSize(1 + 50);
        // Every event carries the sluice_id its user id has now; every person has one profile with all their events.
        assertThat(project.query("select count(*) from analytics.customer_events e join analytics.id_graph g"
                + " on g.id_type = 'user_id' and g.id = e.user_id where e.sluice_id <> g.sluice_id")).containsExactly(List.of(0L));
        assertThat(project.query("select count(*) from analytics.profiles where track_count <> (select count(*)"
                + " from analytics.customer_events e where e.sluice_id = profiles.sluice_id)")).containsExactly(List.of(0L));
        assertThat(project.query("select max(track_count) from analytics.profiles")).containsExactly(List.of(600L));
        assertThat(scenario.recomputed()).isEqualTo(600);

        // Two of the bystanders meet: only they are recomputed; the big person keeps their name.
        Map<Object, Object> big = sluiceIds("id in ('n0', 'n599')");
        scenario.run(List.of(new int[] {600, 601}), "+profiles");
        assertThat(scenario.recomputed()).isEqualTo(2);
        assertThat(sluiceIds("id in ('n0', 'n599')")).isEqualTo(big);
        assertThat(distinct("select sluice_id from analytics.profiles")).hasSize(1 + 49);
    }

    @Test
    void batchesThatAPartialRunLeftBehindAreCaughtUpByTheNextRun() {
        // Run 1 (full): people n0..n9 and n20..n29 (chains of merge calls), n10..n19 and n30..n39 alone.
        project.execute("delete from rudder.events");
        for (int i = 0; i < 40; i++) {
            events.track(null, "n" + i, "Seen", timestamp(i), "{}");
        }
        for (int i = 0; i < 9; i++) {
            events.merge("user_id", "n" + i, "user_id", "n" + (i + 1), timestamp(100 + i));
            events.merge("user_id", "n" + (20 + i), "user_id", "n" + (21 + i), timestamp(110 + i));
        }
        events.flush();
        runAndExpectSuccess(List.of("+identity_events"), true);
        Map<Object, Object> before = sluiceIds();

        // Run 2 builds only identity_id_pairs: a new e-mail (known only from a pair) and a new anonymous id.
        events.identify("anon-late", "n12", timestamp(200), "{\"email\": \"late@example.com\"}").flush();
        runAndExpectSuccess(List.of("+identity_id_pairs"), false);
        // Run 3 builds up to identity_links: a link merging the two people, and a new id linked to n30.
        events.merge("user_id", "n5", "user_id", "n25", timestamp(300));
        events.merge("user_id", "n30", "user_id", "fresh", timestamp(301));
        events.flush();
        runAndExpectSuccess(List.of("+identity_links"), false);
        // Run 4 builds everything, with a batch of its own.
        events.merge("user_id", "n35", "user_id", "n36", timestamp(400));
        events.track("anon-last", null, "Seen", timestamp(401), "{}");
        events.flush();
        runAndExpectSuccess(List.of("+identity_events"), false);

        List<List<Object>> graph = project.query("select id_type, id, sluice_id from analytics.id_graph order by 1, 2");
        List<List<Object>> labels = project.query("select message_id, sluice_id from analytics.identity_events order by 1");
        Map<Object, Object> previous = previousSluiceIds("true");
        assertThat(sluiceIds("id in ('late@example.com', 'anon-late', 'fresh', 'anon-last')")).hasSize(4);
        assertThat(distinct("select sluice_id from analytics.id_graph where id in ('n0', 'n25', 'n29')")).hasSize(1);
        assertThat(distinct("select sluice_id from analytics.id_graph where id in ('n12', 'anon-late', 'late@example.com')"))
                .hasSize(1);
        assertThat(project.query("select count(*) from analytics.identity_events where sluice_id is null"
                + " and (user_id is not null or anonymous_id is not null)"))
                .containsExactly(List.of(0L));
        // Only the ids that moved have a previous_sluice_id: the one they had before.
        Map<Object, Object> moved = new HashMap<>();
        before.forEach((id, sluiceId) -> {
            if (!sluiceIds("id = '" + id + "'").get(id).equals(sluiceId)) {
                moved.put(id, sluiceId);
            }
        });
        assertThat(moved.keySet()).containsExactlyInAnyOrder("n20", "n21", "n22", "n23", "n24", "n25", "n26", "n27",
                "n28", "n29", "n36");
        previous.forEach((id, sluiceId) -> assertThat(sluiceId).as(String.valueOf(id)).isEqualTo(moved.get(id)));

        // The same as a full build of the same events.
        runAndExpectSuccess(List.of("+identity_events"), true);
        assertThat(project.query("select id_type, id, sluice_id from analytics.id_graph order by 1, 2")).isEqualTo(graph);
        assertThat(project.query("select message_id, sluice_id from analytics.identity_events order by 1")).isEqualTo(labels);
    }

    private void runAndExpectSuccess(List<String> selection, boolean fullRefresh) {
        RunResult result = project.run(new RunOptions(selection, List.of(), 2, fullRefresh), RunListener.NONE);
        assertThat(result.failed()).as(result.toString()).isFalse();
    }

    private static List<int[]> randomEdges(Random random, int size, int count) {
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            edges.add(new int[] {random.nextInt(size), random.nextInt(size)});
        }
        return edges;
    }

    /**
     * One graph on nodes n0..n(size-1), each first seen (a track call) at its shuffled number of
     * seconds, so numbering follows no pattern; then its links as merge calls, run by run. The first
     * run is a full refresh, the others incremental.
     */
    private final class Scenario {
        private final List<Integer> seenAt = new ArrayList<>();
        private final UnionFind reference = new UnionFind();
        private int runs;
        private int linkTime;
        RunResult lastResult;

        Scenario(int size, Random shuffle) {
            for (int i = 0; i < size; i++) {
                seenAt.add(i);
                reference.add("n" + i);
            }
            if (shuffle != null) {
                Collections.shuffle(seenAt, shuffle);
            }
            linkTime = size;
        }

        /** Adds the links as new events, builds, and compares; returns the passes the components took. */
        int run(List<int[]> links, String... selectors) {
            if (runs++ == 0) {
                project.execute("delete from rudder.events");
                for (int i = 0; i < seenAt.size(); i++) {
                    events.track(null, "n" + i, "Seen", timestamp(seenAt.get(i)), "{}");
                }
            }
            for (int[] link : links) {
                reference.union("n" + link[0], "n" + link[1]);
                events.merge("user_id", "n" + link[0], "user_id", "n" + link[1], timestamp(linkTime++));
            }
            events.flush();
            List<String> selection = selectors.length == 0 ? List.of("+id_graph") : List.of(selectors);
            RunResult result = project.run(new RunOptions(selection, List.of(), 2, runs == 1), RunListener.NONE);
            assertThat(result.failed()).as(result.toString()).isFalse();
            lastResult = result;
            List<List<String>> people = project.query("select string_agg(id, ',') from analytics.id_graph group by sluice_id")
                    .stream().map(row -> List.of(String.valueOf(row.get(0)).split(","))).toList();
            assertThat(UnionFind.asComponents(people)).isEqualTo(reference.components());
            // Each person is named after their id seen first, whichever run joined them.
            Map<String, String> expected = new HashMap<>();
            for (Set<String> component : reference.components()) {
                String first = component.stream().min((a, b) -> Integer.compare(seen(a), seen(b))).orElseThrow();
                component.forEach(id -> expected.put(id, md5("user_id:" + first)));
            }
            Map<String, String> actual = new HashMap<>();
            sluiceIds().forEach((id, sluiceId) -> actual.put((String) id, (String) sluiceId));
            assertThat(actual).isEqualTo(expected);
            return passes();
        }

        /** The rows the latest build of the components recomputed (on an incremental run, the touched clusters). */
        long recomputed() {
            return lastResult.models().stream().filter(model -> model.model().equals("identity_components"))
                    .findFirst().orElseThrow().rows();
        }

        private int seen(String id) {
            return seenAt.get(Integer.parseInt(id.substring(1)));
        }
    }

    private Map<Object, Object> sluiceIds() {
        return sluiceIds("true");
    }

    private Map<Object, Object> sluiceIds(String condition) {
        Map<Object, Object> ids = new HashMap<>();
        project.query("select id, sluice_id from analytics.id_graph where " + condition)
                .forEach(row -> ids.put(row.get(0), row.get(1)));
        return ids;
    }

    private Map<Object, Object> previousSluiceIds(String condition) {
        Map<Object, Object> ids = new HashMap<>();
        project.query("select id, previous_sluice_id from analytics.id_graph where " + condition)
                .forEach(row -> ids.put(row.get(0), row.get(1)));
        return ids;
    }

    private Set<Object> distinct(String query) {
        Set<Object> values = new HashSet<>();
        project.query(query).forEach(row -> values.add(row.get(0)));
        return values;
    }

    private int passes() {
        return ((Number) project.query("select max(pass) from sluice.iterations where model = 'analytics.identity_components'")
                .get(0).get(0)).intValue();
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String timestamp(int seconds) {
        return java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(seconds).toString().replace('T', ' ');
    }
}
