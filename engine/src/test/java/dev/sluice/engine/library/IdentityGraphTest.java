package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL identity graph (pointer jumping in an iterative model) against a union-find written in Java,
 * on generated graphs: chains, stars, a path of 1,000 nodes, random graphs, and links arriving
 * across runs. One project, rebuilt for each graph.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityGraphTest {
    TestProject project;
    RawEvents events;

    @BeforeAll
    void setUp(@TempDir Path directory) {
        project = new TestProject(directory).file("sluice.yml", """
                name: graphs
                packages: [rudder, identity]
                targets:
                  duckdb: {path: target/graphs.duckdb, schema: analytics}
                """);
        events = new RawEvents(project);
    }

    @AfterAll
    void tearDown() {
        project.close();
    }

    /** An undirected graph on nodes 0..size-1; node names are shuffled so numbering follows no pattern. */
    private record Graph(int size, List<int[]> edges) {}

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
        checkAgainstUnionFind(new Graph(next + 5, edges), new Random(1), 0);
    }

    @Test
    void aPathOfAThousandNodesConvergesInLogarithmicPasses() {
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < 999; i++) {
            edges.add(new int[] {i, i + 1});
        }
        // Ids numbered along the path, and numbered at random.
        int ordered = checkAgainstUnionFind(new Graph(1000, edges), null, 0);
        int shuffled = checkAgainstUnionFind(new Graph(1000, edges), new Random(7), 0);
        // log2(1000) is about 10 (both take 11 passes today); one hop per pass would take 999.
        assertThat(ordered).isLessThanOrEqualTo(2 * 10 + 2);
        assertThat(shuffled).isLessThanOrEqualTo(2 * 10 + 2);
    }

    @Test
    void randomGraphs() {
        for (int seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            int size = 200 + random.nextInt(300);
            int edgeCount = size * (seed) / 3;
            List<int[]> edges = new ArrayList<>();
            for (int i = 0; i < edgeCount; i++) {
                edges.add(new int[] {random.nextInt(size), random.nextInt(size)});
            }
            checkAgainstUnionFind(new Graph(size, edges), random, 0);
        }
    }

    @Test
    void aLinkArrivingInALaterRunJoinsTwoPeople() {
        List<int[]> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            first.add(new int[] {i, i + 1});
            first.add(new int[] {100 + i, 100 + i + 1});
        }
        checkAgainstUnionFind(new Graph(200, first), new Random(3), 0);
        List<List<Object>> before = project.query("select distinct sluice_id from analytics.id_graph where id in ('n5', 'n105')");
        assertThat(before).hasSize(2);
        List<int[]> later = new ArrayList<>(first);
        later.add(new int[] {20, 150});
        later.add(new int[] {150, 110});
        checkAgainstUnionFind(new Graph(200, later), new Random(3), first.size());
        List<List<Object>> after = project.query("select distinct sluice_id from analytics.id_graph where id in ('n5', 'n105')");
        assertThat(after).hasSize(1);
        // The merged person keeps one of the two old sluice_ids.
        assertThat(before).contains(after.get(0));
    }

    /**
     * Writes the graph as merge calls (plus one call per node, so lone nodes exist), builds the identity
     * models and compares the people with union-find's components. Edges from {@code keep} on are new
     * events; earlier ones are assumed written by the previous call.
     *
     * @return the passes the components took
     */
    private int checkAgainstUnionFind(Graph graph, Random shuffle, int keep) {
        List<Integer> names = new ArrayList<>();
        for (int i = 0; i < graph.size(); i++) {
            names.add(i);
        }
        if (shuffle != null) {
            Collections.shuffle(names, shuffle);
        }
        if (keep == 0) {
            project.execute("delete from rudder.events");
            for (int i = 0; i < graph.size(); i++) {
                // Each node is first seen at its (shuffled) number of seconds.
                events.track(null, "n" + i, "Seen", timestamp(names.get(i)), "{}");
            }
        }
        UnionFind reference = new UnionFind();
        for (int i = 0; i < graph.size(); i++) {
            reference.add("n" + i);
        }
        for (int index = 0; index < graph.edges().size(); index++) {
            int[] edge = graph.edges().get(index);
            reference.union("n" + edge[0], "n" + edge[1]);
            if (index >= keep) {
                events.merge("user_id", "n" + edge[0], "user_id", "n" + edge[1], timestamp(graph.size() + index));
            }
        }
        events.flush();
        RunResult result = project.run("+id_graph");
        assertThat(result.failed()).as(result.toString()).isFalse();
        List<List<String>> people = project.query("select string_agg(id, ',') from analytics.id_graph group by sluice_id")
                .stream().map(row -> List.of(String.valueOf(row.get(0)).split(","))).toList();
        Set<Set<String>> components = reference.components();
        assertThat(UnionFind.asComponents(people)).isEqualTo(components);
        return passes();
    }

    private int passes() {
        return ((Number) project.query("select max(pass) from sluice.iterations where model = 'analytics.identity_components'")
                .get(0).get(0)).intValue();
    }

    private static String timestamp(int seconds) {
        return java.time.LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(seconds).toString().replace('T', ' ');
    }
}
