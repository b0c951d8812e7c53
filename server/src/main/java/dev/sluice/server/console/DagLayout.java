package dev.sluice.server.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays a DAG out left to right with the layered (Sugiyama) method, for an SVG drawing:
 * <ol>
 * <li>layers: a model's layer is the length of the longest path from a root to it;</li>
 * <li>an edge that spans several layers gets a dummy node in each layer it crosses, so it is routed through
 * a slot of its own and never through another model's box;</li>
 * <li>crossings: the nodes of each layer are ordered by the barycenter of their neighbours in the previous
 * (then the next) layer, sweeping down and up, keeping the order with the fewest crossings;</li>
 * <li>coordinates: each node is pulled to the mean height of its neighbours, then the layer is made to
 * keep its order and spacing with the least total move (isotonic regression, pool adjacent violators).</li>
 * </ol>
 * Edges run from a parent's right side to a child's left side through their dummies' slots. Immutable result;
 * thread-safe (stateless).
 */
final class DagLayout {
    static final int NODE_HEIGHT = 34;
    private static final int MIN_NODE_WIDTH = 120;
    /** Pixels per character of a model name at the console's 13px font, generous for wide letters. */
    private static final double CHARACTER_WIDTH = 7.6;
    private static final int TEXT_PADDING = 26;
    private static final int LAYER_GAP = 90;
    private static final int NODE_GAP = 18;
    private static final int DUMMY_HEIGHT = 6;
    private static final int MARGIN = 16;
    private static final int SWEEPS = 12;

    /** A placed model: its box's top-left corner and size. */
    record Node(String name, int x, int y, int width, int height) {}

    /** A point of an edge's route. */
    record Point(int x, int y) {}

    /** An edge from a parent's right side to a child's left side, as the points it passes and an SVG path. */
    record Edge(String from, String to, List<Point> points, String path) {}

    record Layout(List<Node> nodes, List<Edge> edges, int width, int height) {}

    /** A node of the layered graph: a model, or a dummy on a long edge (name {@code null}). */
    private static final class Slot {
        final String name;
        final int layer;
        final List<Slot> up = new ArrayList<>();
        final List<Slot> down = new ArrayList<>();
        double position;
        double y;

        Slot(String name, int layer) {
            this.name = name;
            this.layer = layer;
        }

        int height() {
            return name == null ? DUMMY_HEIGHT : NODE_HEIGHT;
        }
    }

    private DagLayout() {}

    /** @param parents each model's parents, models in topological order; parents not in the map are ignored */
    static Layout of(Map<String, Set<String>> parents) {
        Map<String, Slot> models = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> entry : parents.entrySet()) {
            int layer = 0;
            for (String parent : entry.getValue()) {
                if (models.containsKey(parent)) {
                    layer = Math.max(layer, models.get(parent).layer + 1);
                }
            }
            models.put(entry.getKey(), new Slot(entry.getKey(), layer));
        }
        int layerCount = models.values().stream().mapToInt(slot -> slot.layer + 1).max().orElse(0);
        List<List<Slot>> layers = new ArrayList<>();
        for (int layer = 0; layer < layerCount; layer++) {
            layers.add(new ArrayList<>());
        }
        models.values().forEach(slot -> layers.get(slot.layer).add(slot));
        // Each edge as the chain of slots it passes, dummies included.
        Map<String, List<Slot>> chains = new LinkedHashMap<>();
        parents.forEach((child, ofChild) -> ofChild.stream().filter(models::containsKey).forEach(parent -> {
            List<Slot> chain = new ArrayList<>();
            Slot previous = models.get(parent);
            chain.add(previous);
            for (int layer = previous.layer + 1; layer < models.get(child).layer; layer++) {
                Slot dummy = new Slot(null, layer);
                layers.get(layer).add(dummy);
                link(previous, dummy);
                chain.add(dummy);
                previous = dummy;
            }
            link(previous, models.get(child));
            chain.add(models.get(child));
            chains.put(parent + "\u0000" + child, chain);
        }));
        order(layers);
        place(layers);
        return draw(layers, chains);
    }

    private static void link(Slot parent, Slot child) {
        parent.down.add(child);
        child.up.add(parent);
    }

    /** Barycenter sweeps; keeps the orders with the fewest crossings. */
    private static void order(List<List<Slot>> layers) {
        number(layers);
        List<List<Slot>> best = copy(layers);
        long fewest = crossings(layers);
        for (int sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
            boolean downward = sweep % 2 == 0;
            for (int step = 1; step < layers.size(); step++) {
                int index = downward ? step : layers.size() - 1 - step;
                List<Slot> layer = layers.get(index);
                for (Slot slot : layer) {
                    List<Slot> neighbours = downward ? slot.up : slot.down;
                    if (!neighbours.isEmpty()) {
                        slot.position = neighbours.stream().mapToDouble(other -> other.position).average().orElseThrow();
                    }
                }
                // A stable sort: nodes without neighbours on that side keep their place among equals.
                layer.sort(Comparator.comparingDouble(slot -> slot.position));
                for (int position = 0; position < layer.size(); position++) {
                    layer.get(position).position = position;
                }
            }
            long count = crossings(layers);
            if (count < fewest) {
                fewest = count;
                best = copy(layers);
            }
        }
        for (int index = 0; index < layers.size(); index++) {
            layers.set(index, best.get(index));
        }
        number(layers);
    }

    private static void number(List<List<Slot>> layers) {
        for (List<Slot> layer : layers) {
            for (int position = 0; position < layer.size(); position++) {
                layer.get(position).position = position;
            }
        }
    }

    private static List<List<Slot>> copy(List<List<Slot>> layers) {
        return layers.stream().map(layer -> (List<Slot>) new ArrayList<>(layer)).toList();
    }

    /** Edge crossings between adjacent layers, with each slot's {@code position} its index in its layer. */
    static long crossings(List<List<Slot>> layers) {
        Map<Slot, Integer> index = new HashMap<>();
        layers.forEach(layer -> {
            for (int position = 0; position < layer.size(); position++) {
                index.put(layer.get(position), position);
            }
        });
        long count = 0;
        for (List<Slot> layer : layers) {
            List<int[]> edges = new ArrayList<>();
            for (Slot slot : layer) {
                slot.down.forEach(child -> edges.add(new int[] {index.get(slot), index.get(child)}));
            }
            for (int first = 0; first < edges.size(); first++) {
                for (int second = first + 1; second < edges.size(); second++) {
                    int[] a = edges.get(first);
                    int[] b = edges.get(second);
                    if ((long) Integer.compare(a[0], b[0]) * Integer.compare(a[1], b[1]) < 0) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Vertical coordinates: compact first, then a few rounds of pulling nodes toward their neighbours. */
    private static void place(List<List<Slot>> layers) {
        for (List<Slot> layer : layers) {
            double y = 0;
            for (Slot slot : layer) {
                slot.y = y;
                y += slot.height() + NODE_GAP;
            }
        }
        for (int round = 0; round < 8; round++) {
            boolean downward = round % 2 == 0;
            for (int step = 0; step < layers.size(); step++) {
                List<Slot> layer = layers.get(downward ? step : layers.size() - 1 - step);
                double[] wanted = new double[layer.size()];
                for (int position = 0; position < layer.size(); position++) {
                    Slot slot = layer.get(position);
                    List<Slot> neighbours = new ArrayList<>(downward ? slot.up : slot.down);
                    if (neighbours.isEmpty()) {
                        neighbours.addAll(downward ? slot.down : slot.up);
                    }
                    wanted[position] = neighbours.isEmpty() ? slot.y + slot.height() / 2.0
                            : neighbours.stream().mapToDouble(other -> other.y + other.height() / 2.0).average().orElseThrow();
                    wanted[position] -= slot.height() / 2.0;
                }
                spread(layer, wanted);
            }
        }
        double top = layers.stream().flatMap(List::stream).mapToDouble(slot -> slot.y).min().orElse(0);
        layers.forEach(layer -> layer.forEach(slot -> slot.y = slot.y - top + MARGIN));
    }

    /**
     * Sets the layer's tops as close to {@code wanted} as possible (least squares) while keeping the order
     * and the gaps: with {@code offset[i]} the least distance from the first top to the i-th, the values
     * {@code y[i] - offset[i]} must not decrease, which pool adjacent violators solves exactly.
     */
    private static void spread(List<Slot> layer, double[] wanted) {
        int count = layer.size();
        double[] offset = new double[count];
        for (int position = 1; position < count; position++) {
            offset[position] = offset[position - 1] + layer.get(position - 1).height() + NODE_GAP;
        }
        double[] blockMean = new double[count];
        int[] blockSize = new int[count];
        int blocks = 0;
        for (int position = 0; position < count; position++) {
            blockMean[blocks] = wanted[position] - offset[position];
            blockSize[blocks] = 1;
            blocks++;
            while (blocks > 1 && blockMean[blocks - 2] > blockMean[blocks - 1]) {
                int merged = blockSize[blocks - 2] + blockSize[blocks - 1];
                blockMean[blocks - 2] = (blockMean[blocks - 2] * blockSize[blocks - 2]
                        + blockMean[blocks - 1] * blockSize[blocks - 1]) / merged;
                blockSize[blocks - 2] = merged;
                blocks--;
            }
        }
        int position = 0;
        for (int block = 0; block < blocks; block++) {
            for (int member = 0; member < blockSize[block]; member++, position++) {
                layer.get(position).y = blockMean[block] + offset[position];
            }
        }
    }

    private static Layout draw(List<List<Slot>> layers, Map<String, List<Slot>> chains) {
        int[] layerX = new int[layers.size()];
        int[] layerWidth = new int[layers.size()];
        int x = MARGIN;
        for (int index = 0; index < layers.size(); index++) {
            layerX[index] = x;
            layerWidth[index] = layers.get(index).stream().filter(slot -> slot.name != null)
                    .mapToInt(slot -> (int) Math.ceil(slot.name.length() * CHARACTER_WIDTH) + TEXT_PADDING)
                    .max().orElse(MIN_NODE_WIDTH);
            layerWidth[index] = Math.max(MIN_NODE_WIDTH, layerWidth[index]);
            x += layerWidth[index] + LAYER_GAP;
        }
        List<Node> nodes = new ArrayList<>();
        int height = 0;
        for (List<Slot> layer : layers) {
            for (Slot slot : layer) {
                height = Math.max(height, (int) Math.round(slot.y) + slot.height() + MARGIN);
                if (slot.name != null) {
                    nodes.add(new Node(slot.name, layerX[slot.layer], (int) Math.round(slot.y), layerWidth[slot.layer],
                            NODE_HEIGHT));
                }
            }
        }
        List<Edge> edges = new ArrayList<>();
        chains.forEach((key, chain) -> {
            List<Point> points = new ArrayList<>();
            for (int index = 0; index < chain.size(); index++) {
                Slot slot = chain.get(index);
                int middle = (int) Math.round(slot.y + slot.height() / 2.0);
                if (index > 0) {
                    points.add(new Point(layerX[slot.layer], middle));
                }
                if (index < chain.size() - 1) {
                    points.add(new Point(layerX[slot.layer] + layerWidth[slot.layer], middle));
                }
            }
            edges.add(new Edge(chain.get(0).name, chain.get(chain.size() - 1).name, points, path(points)));
        });
        return new Layout(nodes, edges, Math.max(x - LAYER_GAP + MARGIN, MARGIN * 2), Math.max(height, MARGIN * 2));
    }

    /**
     * Curves between layers (horizontal tangents at both ends), straight lines through a dummy's slot; the
     * last point is where the arrowhead goes.
     */
    private static String path(List<Point> points) {
        StringBuilder path = new StringBuilder("M" + points.get(0).x() + "," + points.get(0).y());
        for (int index = 1; index < points.size(); index++) {
            Point from = points.get(index - 1);
            Point to = points.get(index);
            if (index % 2 == 1) {
                int bend = (to.x() - from.x()) / 2;
                path.append(" C").append(from.x() + bend).append(',').append(from.y()).append(' ')
                        .append(to.x() - bend).append(',').append(to.y()).append(' ').append(to.x()).append(',').append(to.y());
            } else {
                path.append(" L").append(to.x()).append(',').append(to.y());
            }
        }
        return path.toString();
    }
}
