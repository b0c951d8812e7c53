package dev.sluice.engine.graph;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The models and which ones each reads through {@code ref}. Immutable and thread-safe; built only
 * when acyclic ({@link #of} throws with the cycle otherwise).
 */
public final class ModelGraph {
    private final Map<String, Set<String>> parents;
    private final Map<String, Set<String>> children;
    private final List<String> order;

    private ModelGraph(Map<String, Set<String>> parents, Map<String, Set<String>> children, List<String> order) {
        this.parents = parents;
        this.children = children;
        this.order = order;
    }

    /**
     * @param parentsByNode each node's parents; a parent that is not itself a key is ignored
     * @throws SluiceException with {@link ErrorCode#CYCLE} printing the cycle, {@code a -> b -> a}
     */
    public static ModelGraph of(Map<String, ? extends Collection<String>> parentsByNode) {
        Map<String, Set<String>> parents = new HashMap<>();
        Map<String, Set<String>> children = new HashMap<>();
        for (String node : new TreeSet<>(parentsByNode.keySet())) {
            parents.put(node, new TreeSet<>());
            children.put(node, new TreeSet<>());
        }
        parentsByNode.forEach((node, nodeParents) -> nodeParents.stream().filter(parents::containsKey)
                .forEach(parent -> {
                    parents.get(node).add(parent);
                    children.get(parent).add(node);
                }));
        List<String> order = topologicalOrder(parents, children);
        if (order.size() < parents.size()) {
            throw new SluiceException(ErrorCode.CYCLE, "models depend on each other in a cycle: "
                    + String.join(" -> ", findCycle(parents, order)) + "; a model cannot ref itself, directly or not");
        }
        return new ModelGraph(parents, children, List.copyOf(order));
    }

    /** Every node, parents before children; ties broken by name so the order is stable. */
    public List<String> topologicalOrder() {
        return order;
    }

    public boolean contains(String node) {
        return parents.containsKey(node);
    }

    public Set<String> parents(String node) {
        return parents.getOrDefault(node, Set.of());
    }

    public Set<String> children(String node) {
        return children.getOrDefault(node, Set.of());
    }

    /** The node's ancestors, not including itself. */
    public Set<String> ancestors(String node) {
        return closure(node, parents);
    }

    /** The node's descendants, not including itself. */
    public Set<String> descendants(String node) {
        return closure(node, children);
    }

    private static Set<String> closure(String start, Map<String, Set<String>> edges) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(edges.getOrDefault(start, Set.of()));
        while (!pending.isEmpty()) {
            String node = pending.pop();
            if (seen.add(node)) {
                pending.addAll(edges.getOrDefault(node, Set.of()));
            }
        }
        return seen;
    }

    private static List<String> topologicalOrder(Map<String, Set<String>> parents, Map<String, Set<String>> children) {
        Map<String, Integer> waiting = new HashMap<>();
        PriorityQueue<String> ready = new PriorityQueue<>();
        parents.forEach((node, nodeParents) -> {
            waiting.put(node, nodeParents.size());
            if (nodeParents.isEmpty()) {
                ready.add(node);
            }
        });
        List<String> order = new ArrayList<>(parents.size());
        while (!ready.isEmpty()) {
            String node = ready.poll();
            order.add(node);
            for (String child : children.get(node)) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        return order;
    }

    /** A cycle among the nodes that the topological sort could not place, starting and ending at one node. */
    private static List<String> findCycle(Map<String, Set<String>> parents, List<String> placed) {
        Set<String> stuck = new TreeSet<>(parents.keySet());
        placed.forEach(stuck::remove);
        // Every stuck node has a stuck parent, so walking parents must revisit a node.
        List<String> path = new ArrayList<>();
        String node = stuck.iterator().next();
        while (!path.contains(node)) {
            path.add(node);
            node = parents.get(node).stream().filter(stuck::contains).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
        java.util.Collections.reverse(cycle);
        // Start at the alphabetically first model so the same cycle always prints the same way.
        java.util.Collections.rotate(cycle, -cycle.indexOf(java.util.Collections.min(cycle)));
        cycle.add(cycle.get(0));
        return cycle;
    }
}
