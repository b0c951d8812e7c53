package dev.sluice.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The DAG's layered layout: no overlaps, no edge through another model, few crossings. */
class DagLayoutTest {
    @Test
    void aLongEdgeIsRoutedAroundTheModelsBetween() {
        // a -> b -> c -> d, and a -> d: the long edge would cross b and c if drawn straight.
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        parents.put("a", Set.of());
        parents.put("b", Set.of("a"));
        parents.put("c", Set.of("b"));
        parents.put("d", Set.of("c", "a"));
        DagLayout.Layout layout = DagLayout.of(parents);

        DagLayout.Edge longEdge = layout.edges().stream().filter(edge -> edge.from().equals("a") && edge.to().equals("d"))
                .findFirst().orElseThrow();
        // Out of a, through two dummy slots (in and out of each), into d.
        assertThat(longEdge.points()).hasSize(6);
        assertNothingPassesThroughAnotherModel(layout);
        assertNoOverlaps(layout);
    }

    @Test
    void parentsAreLeftOfChildrenAndEdgesEndAtTheChildsLeftSide() {
        Map<String, Set<String>> parents = diamondWithTail();
        DagLayout.Layout layout = DagLayout.of(parents);
        Map<String, DagLayout.Node> nodes = new LinkedHashMap<>();
        layout.nodes().forEach(node -> nodes.put(node.name(), node));
        for (DagLayout.Edge edge : layout.edges()) {
            DagLayout.Node from = nodes.get(edge.from());
            DagLayout.Node to = nodes.get(edge.to());
            assertThat(from.x() + from.width()).isLessThan(to.x());
            DagLayout.Point last = edge.points().get(edge.points().size() - 1);
            assertThat(last.x()).isEqualTo(to.x());
            assertThat(last.y()).isBetween(to.y(), to.y() + to.height());
            assertThat(edge.path()).startsWith("M" + (from.x() + from.width()) + ",");
        }
        assertThat(layout.width()).isGreaterThan(nodes.values().stream().mapToInt(node -> node.x() + node.width()).max()
                .orElseThrow());
    }

    @Test
    void orderingRemovesCrossingsThatTheInputOrderHas() {
        // Listed so that a naive placement (input order per layer) crosses: x1 feeds y2, x2 feeds y1.
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        parents.put("x1", Set.of());
        parents.put("x2", Set.of());
        parents.put("x3", Set.of());
        parents.put("y1", Set.of("x3"));
        parents.put("y2", Set.of("x2"));
        parents.put("y3", Set.of("x1"));
        DagLayout.Layout layout = DagLayout.of(parents);
        Map<String, Integer> top = new LinkedHashMap<>();
        layout.nodes().forEach(node -> top.put(node.name(), node.y()));
        // Each child sits in the same vertical order as its parent: no two edges cross.
        List<String> parentsByHeight = List.of("x1", "x2", "x3").stream().sorted((a, b) -> top.get(a) - top.get(b)).toList();
        List<String> childrenByHeight = List.of("y3", "y2", "y1").stream().sorted((a, b) -> top.get(a) - top.get(b)).toList();
        Map<String, String> childOf = Map.of("x1", "y3", "x2", "y2", "x3", "y1");
        assertThat(childrenByHeight).isEqualTo(parentsByHeight.stream().map(childOf::get).toList());
        assertNoOverlaps(layout);
    }

    @Test
    void anEmptyProjectDrawsNothing() {
        DagLayout.Layout layout = DagLayout.of(Map.of());
        assertThat(layout.nodes()).isEmpty();
        assertThat(layout.edges()).isEmpty();
    }

    private static Map<String, Set<String>> diamondWithTail() {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        parents.put("events", Set.of());
        parents.put("identifies", Set.of());
        parents.put("tracks", Set.of("events"));
        parents.put("users", Set.of("identifies", "tracks"));
        parents.put("daily", Set.of("tracks"));
        parents.put("customers", Set.of("users"));
        parents.put("signups", Set.of("customers", "events"));
        return parents;
    }

    private static void assertNoOverlaps(DagLayout.Layout layout) {
        List<DagLayout.Node> nodes = layout.nodes();
        for (int first = 0; first < nodes.size(); first++) {
            for (int second = first + 1; second < nodes.size(); second++) {
                DagLayout.Node a = nodes.get(first);
                DagLayout.Node b = nodes.get(second);
                boolean overlap = a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height()
                        && b.y() < a.y() + a.height();
                assertThat(overlap).as("%s overlaps %s", a, b).isFalse();
            }
        }
    }

    /** Straight segments run through layers (dummy slots); none may cross a model's box. */
    private static void assertNothingPassesThroughAnotherModel(DagLayout.Layout layout) {
        for (DagLayout.Edge edge : layout.edges()) {
            List<DagLayout.Point> points = edge.points();
            for (int index = 1; index < points.size() - 1; index += 2) {
                DagLayout.Point in = points.get(index);
                DagLayout.Point out = points.get(index + 1);
                assertThat(in.y()).isEqualTo(out.y());
                for (DagLayout.Node node : layout.nodes()) {
                    boolean inside = in.y() > node.y() && in.y() < node.y() + node.height() && in.x() < node.x() + node.width()
                            && out.x() > node.x();
                    assertThat(inside).as("%s passes through %s", edge.from() + ">" + edge.to(), node.name()).isFalse();
                }
            }
        }
    }
}
