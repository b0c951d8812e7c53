package dev.sluice.engine.library;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The reference the SQL identity graph is checked against: union-find with path halving. Not thread-safe. */
final class UnionFind {
    private final Map<String, String> parents = new HashMap<>();

    void add(String node) {
        parents.putIfAbsent(node, node);
    }

    void union(String a, String b) {
        String rootA = find(a);
        String rootB = find(b);
        if (!rootA.equals(rootB)) {
            parents.put(rootA, rootB);
        }
    }

    String find(String node) {
        add(node);
        String current = node;
        while (!parents.get(current).equals(current)) {
            String grandparent = parents.get(parents.get(current));
            parents.put(current, grandparent);
            current = grandparent;
        }
        return current;
    }

    /** The components, each as a sorted set, in no particular order. */
    Set<Set<String>> components() {
        Map<String, Set<String>> byRoot = new HashMap<>();
        for (String node : new ArrayList<>(parents.keySet())) {
            byRoot.computeIfAbsent(find(node), root -> new TreeSet<>()).add(node);
        }
        return new HashSet<>(byRoot.values());
    }

    /** Components as sorted sets, from any grouping of nodes. */
    static Set<Set<String>> asComponents(Collection<List<String>> groups) {
        Set<Set<String>> result = new HashSet<>();
        groups.forEach(group -> result.add(new TreeSet<>(group)));
        return result;
    }
}
