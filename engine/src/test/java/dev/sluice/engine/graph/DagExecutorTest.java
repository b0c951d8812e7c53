package dev.sluice.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.graph.DagExecutor.Outcome;
import dev.sluice.engine.graph.DagExecutor.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same outcomes on one thread (the caller's) as on several. */
class DagExecutorTest {
    /** a -> b -> d, a -> c, e alone; b fails. */
    static final ModelGraph GRAPH = ModelGraph.of(Map.of("a", List.of(), "b", List.of("a"), "c", List.of("a"),
            "d", List.of("b"), "e", List.of()));

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 3})
    void aFailureSkipsItsDescendantsAndEveryOtherNodeRunsAfterItsParents(int threads) throws InterruptedException {
        List<String> ran = new CopyOnWriteArrayList<>();
        Set<String> threadsUsed = ConcurrentHashMap.newKeySet();
        Map<String, Outcome<String>> outcomes = DagExecutor.execute(GRAPH, Set.of("a", "b", "c", "d", "e"), threads, node -> {
            ran.add(node);
            threadsUsed.add(Thread.currentThread().getName());
            if (node.equals("b")) {
                throw new IllegalStateException("b broke");
            }
            return node.toUpperCase();
        });

        assertThat(ran).containsExactlyInAnyOrder("a", "b", "c", "e");
        assertThat(ran.indexOf("a")).isLessThan(ran.indexOf("b"));
        assertThat(ran.indexOf("a")).isLessThan(ran.indexOf("c"));
        assertThat(outcomes.get("a").result()).isEqualTo("A");
        assertThat(outcomes.get("b").status()).isEqualTo(Status.FAILED);
        assertThat(outcomes.get("b").failure()).hasMessage("b broke");
        assertThat(outcomes.get("d").status()).isEqualTo(Status.SKIPPED);
        assertThat(outcomes.get("d").skippedBecauseOf()).isEqualTo("b");
        assertThat(outcomes.get("c").status()).isEqualTo(Status.SUCCESS);
        assertThat(outcomes.get("e").status()).isEqualTo(Status.SUCCESS);
        if (threads == 1) {
            assertThat(threadsUsed).containsExactly(Thread.currentThread().getName());
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 3})
    void aParentOutsideTheSelectionCountsAsBuilt(int threads) throws InterruptedException {
        Map<String, Outcome<String>> outcomes = DagExecutor.execute(GRAPH, Set.of("b", "d"), threads, node -> node);

        assertThat(outcomes.keySet()).containsExactly("b", "d");
    }
}
