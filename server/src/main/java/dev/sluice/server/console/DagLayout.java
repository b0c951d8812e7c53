package dev.sluice.server.console;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places a DAG's models for an SVG drawing: a model's column is the length of the longest path from a
 * root to it, its row its order within the column. Immutable result; thread-safe (stateless).
 */
final class DagLayout {
    static final int NODE_WIDTH = 170;
    static final int NODE_HEIGHT = 34;
    private static final int COLUMN_GAP = 70;
    private static final int ROW_GAP = 22;
    private static final int MARGIN = 16;

    /** A placed node. */
    record Node(String name, int x, int y) {}

    /** A drawn edge from a parent's right side to a child's left side. */
    record Edge(String from, String to, int x1, int y1, int x2, int y2) {}

    record Layout(List<Node> nodes, List<Edge> edges, int width, int height) {}

    private DagLayout() {}

    /** @param parents each model's parents, models in topological order */
    static Layout of(Map<String, Set<String>> parents) {
        Map<String, Integer> column = new HashMap<>();
        for (Map.Entry<String, Set<String>> entry : parents.entrySet()) {
            int depth = 0;
            for (String parent : entry.getValue()) {
                depth = Math.max(depth, column.getOrDefault(parent, 0) + 1);
            }
            column.put(entry.getKey(), depth);
        }
        Map<Integer, Integer> rowsUsed = new HashMap<>();
        Map<String, Node> nodes = new LinkedHashMap<>();
        int width = 0;
        int height = 0;
        for (String name : parents.keySet()) {
            int col = column.get(name);
            int row = rowsUsed.merge(col, 1, Integer::sum) - 1;
            Node node = new Node(name, MARGIN + col * (NODE_WIDTH + COLUMN_GAP), MARGIN + row * (NODE_HEIGHT + ROW_GAP));
            nodes.put(name, node);
            width = Math.max(width, node.x() + NODE_WIDTH + MARGIN);
            height = Math.max(height, node.y() + NODE_HEIGHT + MARGIN);
        }
        List<Edge> edges = new ArrayList<>();
        parents.forEach((child, ofChild) -> ofChild.forEach(parent -> {
            Node from = nodes.get(parent);
            Node to = nodes.get(child);
            if (from != null && to != null) {
                edges.add(new Edge(parent, child, from.x() + NODE_WIDTH, from.y() + NODE_HEIGHT / 2, to.x(),
                        to.y() + NODE_HEIGHT / 2));
            }
        }));
        return new Layout(List.copyOf(nodes.values()), edges, width, height);
    }
}
