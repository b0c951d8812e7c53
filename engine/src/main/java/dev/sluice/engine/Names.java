package dev.sluice.engine;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions for misspelled names. Stateless and thread-safe. */
public final class Names {
    private Names() {}

    /**
     * The candidate closest to {@code name} by edit distance (case-insensitive; swapping two
     * neighbouring letters is one edit), offered only when a person would call it a typo: 1 edit for
     * names up to 3 characters, 2 up to 8, 3 beyond. The same name is no suggestion; ties go to the
     * candidate that comes first.
     */
    public static Optional<String> closest(String name, Collection<String> candidates) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int allowed = wanted.length() <= 3 ? 1 : wanted.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            if (lower.equals(wanted)) {
                continue;
            }
            int distance = editDistance(wanted, lower);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The suffix {@code ; did you mean "x"?} or an empty string. */
    public static String didYouMean(String name, Collection<String> candidates) {
        return closest(name, candidates).map(best -> "; did you mean \"" + best + "\"?").orElse("");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int editDistance(String left, String right) {
        int[][] distance = new int[left.length() + 1][right.length() + 1];
        for (int i = 0; i <= left.length(); i++) {
            distance[i][0] = i;
        }
        for (int j = 0; j <= right.length(); j++) {
            distance[0][j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            for (int j = 1; j <= right.length(); j++) {
                int cost = left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1;
                int best = Math.min(distance[i - 1][j - 1] + cost, Math.min(distance[i - 1][j] + 1, distance[i][j - 1] + 1));
                if (i > 1 && j > 1 && left.charAt(i - 1) == right.charAt(j - 2) && left.charAt(i - 2) == right.charAt(j - 1)) {
                    best = Math.min(best, distance[i - 2][j - 2] + 1);
                }
                distance[i][j] = best;
            }
        }
        return distance[left.length()][right.length()];
    }
}
