package dev.sluice.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the docs site's graph from the DOM Chromium dumped: node boxes and edge paths, and where they meet. */
final class DagGeometry {
    private static final Pattern BOX = Pattern.compile("<g class=\"node[^\"]*\" data-id=\"([^\"]+)\"><rect x=\"([-\\d.]+)\""
            + " y=\"([-\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\"");
    private static final Pattern STEP = Pattern.compile("([MCL])|(-?[\\d.]+),(-?[\\d.]+)");
    /** How far inside a box a point must be to count as crossing it (edges start and end on box borders). */
    private static final double INSET = 1.5;
    private static final int SAMPLES = 64;

    private DagGeometry() {}

    record Box(String id, double x, double y, double width, double height) {
        boolean containsInside(double[] point) {
            return point[0] > x + INSET && point[0] < x + width - INSET && point[1] > y + INSET
                    && point[1] < y + height - INSET;
        }

        boolean onBorder(double[] point) {
            boolean onSide = Math.abs(point[0] - x) < INSET || Math.abs(point[0] - (x + width)) < INSET;
            return onSide && point[1] >= y - INSET && point[1] <= y + height + INSET;
        }
    }

    static List<Box> boxes(String dom) {
        List<Box> boxes = new ArrayList<>();
        Matcher matcher = BOX.matcher(dom);
        while (matcher.find()) {
            boxes.add(new Box(matcher.group(1), Double.parseDouble(matcher.group(2)), Double.parseDouble(matcher.group(3)),
                    Double.parseDouble(matcher.group(4)), Double.parseDouble(matcher.group(5))));
        }
        return boxes;
    }

    /**
     * The boxes an edge's path passes through, other than the two it connects (the boxes its first and
     * last points lie on). The path is SVG path data of M, L and C (cubic) steps with absolute coordinates.
     */
    static Set<String> crossings(String path, List<Box> boxes) {
        List<double[]> points = sample(path);
        double[] first = points.get(0);
        double[] last = points.get(points.size() - 1);
        Set<String> crossed = new LinkedHashSet<>();
        for (Box box : boxes) {
            if (box.onBorder(first) || box.onBorder(last)) {
                continue;
            }
            if (points.stream().anyMatch(box::containsInside)) {
                crossed.add(box.id());
            }
        }
        return crossed;
    }

    private static List<double[]> sample(String path) {
        List<double[]> points = new ArrayList<>();
        Matcher matcher = STEP.matcher(path);
        String command = null;
        List<double[]> pending = new ArrayList<>();
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                command = matcher.group(1);
                continue;
            }
            double[] point = {Double.parseDouble(matcher.group(2)), Double.parseDouble(matcher.group(3))};
            switch (command) {
                case "M" -> points.add(point);
                case "L" -> {
                    double[] from = points.get(points.size() - 1);
                    for (int step = 1; step <= SAMPLES; step++) {
                        double t = step / (double) SAMPLES;
                        points.add(new double[] {from[0] + t * (point[0] - from[0]), from[1] + t * (point[1] - from[1])});
                    }
                }
                case "C" -> {
                    pending.add(point);
                    if (pending.size() == 3) {
                        double[] p0 = points.get(points.size() - 1);
                        for (int step = 1; step <= SAMPLES; step++) {
                            double t = step / (double) SAMPLES;
                            double u = 1 - t;
                            double[] at = new double[2];
                            for (int axis = 0; axis < 2; axis++) {
                                at[axis] = u * u * u * p0[axis] + 3 * u * u * t * pending.get(0)[axis]
                                        + 3 * u * t * t * pending.get(1)[axis] + t * t * t * pending.get(2)[axis];
                            }
                            points.add(at);
                        }
                        pending.clear();
                    }
                }
                default -> throw new IllegalArgumentException("unexpected path step " + command + " in " + path);
            }
        }
        if (points.isEmpty() || !pending.isEmpty()) {
            throw new IllegalArgumentException("not a path of M, L and C steps: " + path);
        }
        return points;
    }
}
