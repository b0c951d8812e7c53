package dev.sluice.engine.sql;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the "did you mean" for a misspelt name: the candidate with the smallest edit distance
 * (insertions, deletions, substitutions and swaps of neighbours, ignoring case), offered only when it
 * is close enough that a person would call it a typo: 1 edit for names up to 3 characters, 2 up to 8,
 * 3 beyond. Ties go to the candidate that comes first.
 *
 * <p>Stateless and thread-safe.
 */
final class NameSuggestions {
    private NameSuggestions() {}

    static Optional<String> closest(String name, Collection<String> candidates) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int allowed = wanted.length() <= 3 ? 1 : wanted.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String lower = candidate.toLowerCase(Locale.ROOT);
            if (lower.equals(wanted)) {
                continue; // the same name is not a suggestion
            }
            int distance = distance(wanted, lower);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of two neighbouring characters. */
    static int distance(String left, String right) {
        int[][] cost = new int[left.length() + 1][right.length() + 1];
        for (int i = 0; i <= left.length(); i++) {
            cost[i][0] = i;
        }
        for (int j = 0; j <= right.length(); j++) {
            cost[0][j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            for (int j = 1; j <= right.length(); j++) {
                int substitution = left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(cost[i - 1][j] + 1, cost[i][j - 1] + 1), cost[i - 1][j - 1] + substitution);
                if (i > 1 && j > 1 && left.charAt(i - 1) == right.charAt(j - 2) && left.charAt(i - 2) == right.charAt(j - 1)) {
                    value = Math.min(value, cost[i - 2][j - 2] + 1);
                }
                cost[i][j] = value;
            }
        }
        return cost[left.length()][right.length()];
    }
}
