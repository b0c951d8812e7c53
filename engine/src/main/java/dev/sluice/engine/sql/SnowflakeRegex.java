package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Regular expressions that DuckDB (RE2) and Snowflake read alike, and whose match is the same in both.
 *
 * <p>Syntax: RE2 and Snowflake's POSIX ERE with Perl classes (docs.snowflake.com, "String functions
 * (regular expressions)": ERE plus {@code \d \D \s \S \w \W \b \B}, no lazy quantifiers) agree on literal
 * characters, the ERE special characters escaped with a backslash, {@code .} (neither matches a newline
 * by default), {@code \d} and {@code \w} (ASCII digits; ASCII letters, digits and underscore, in both),
 * bracket expressions of literal characters and ranges, greedy {@code ? * +}, capturing groups, {@code ^}
 * first and {@code $} last (the start and end of the text, without the {@code m} parameter, in both).
 * Everything else is left out: {@code |}, {@code {n,m}}, {@code \s} (RE2 leaves out the vertical tab),
 * {@code \b}, POSIX classes and backslashes inside brackets (literal in ERE, an escape in RE2), flags,
 * look-arounds, non-capturing groups and quantified groups.
 *
 * <p>Match: RE2 takes the leftmost match the way Perl does (the first alternative that matches), POSIX
 * the leftmost-longest. They agree when there is only one match at each start. A pattern is
 * <em>deterministic</em> here when every quantified atom is followed by something that cannot start with
 * a character the atom matches (or by the end of the pattern): then a quantified atom consumes exactly the
 * run of characters it matches, no choice is left, and the match at a start (and each group in it) is unique.
 *
 * <p>Used both ways: DuckDB models translated to Snowflake and Snowflake models translated to DuckDB.
 *
 * <p>Immutable and thread-safe.
 */
public final class SnowflakeRegex {
    /** Characters tried when comparing two atoms' character sets: ASCII and a few others. */
    private static final int[] PROBES;

    static {
        List<Integer> probes = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            probes.add(c);
        }
        probes.addAll(List.of(0xA0, 0xE9, 0x3000, 0x1F600));
        PROBES = probes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final String SPECIALS = ".[]\\()*+?{}|^$";

    /** One element of a pattern: a character set with its quantifier, a group boundary or an anchor. */
    private record Atom(IntPredicate chars, char quantifier, char structure) {
        boolean optional() {
            return quantifier == '?' || quantifier == '*';
        }
    }

    private final List<Atom> atoms;
    private final int groups;
    private final boolean alternatives;

    private SnowflakeRegex(List<Atom> atoms, int groups, boolean alternatives) {
        this.atoms = atoms;
        this.groups = groups;
        this.alternatives = alternatives;
    }

    /**
     * The pattern read, or {@code null} when it uses syntax outside what both engines read alike.
     *
     * @param alternation whether {@code |} is read (for whether a pattern matches at all, which is the same
     *     in both; which match is found may differ, so then {@link #deterministic} is false)
     */
    public static SnowflakeRegex read(String pattern, boolean alternation) {
        List<Atom> atoms = new ArrayList<>();
        int depth = 0;
        int groups = 0;
        int index = 0;
        boolean alternatives = false;
        while (index < pattern.length()) {
            char c = pattern.charAt(index);
            IntPredicate chars;
            if (c == '^') {
                if (index != 0) {
                    return null;
                }
                atoms.add(new Atom(null, ' ', '^'));
                index++;
                continue;
            } else if (c == '$') {
                if (index != pattern.length() - 1) {
                    return null;
                }
                atoms.add(new Atom(null, ' ', '$'));
                index++;
                continue;
            } else if (c == '(') {
                if (index + 1 < pattern.length() && pattern.charAt(index + 1) == '?') {
                    return null;
                }
                depth++;
                groups++;
                atoms.add(new Atom(null, ' ', '('));
                index++;
                continue;
            } else if (c == ')') {
                if (depth == 0) {
                    return null;
                }
                depth--;
                atoms.add(new Atom(null, ' ', ')'));
                index++;
                if (index < pattern.length() && "?*+{".indexOf(pattern.charAt(index)) >= 0) {
                    return null; // a quantified group
                }
                continue;
            } else if (c == '.') {
                chars = ch -> ch != '\n';
                index++;
            } else if (c == '\\') {
                if (index + 1 >= pattern.length()) {
                    return null;
                }
                char escaped = pattern.charAt(index + 1);
                chars = switch (escaped) {
                    case 'd' -> SnowflakeRegex::digit;
                    case 'D' -> ch -> !digit(ch);
                    case 'w' -> SnowflakeRegex::word;
                    case 'W' -> ch -> !word(ch);
                    default -> SPECIALS.indexOf(escaped) >= 0 ? ch -> ch == escaped : null;
                };
                if (chars == null) {
                    return null;
                }
                index += 2;
            } else if (c == '[') {
                int end = pattern.indexOf(']', index + 2);
                if (end < 0) {
                    return null;
                }
                chars = bracket(pattern.substring(index + 1, end));
                if (chars == null) {
                    return null;
                }
                index = end + 1;
            } else if (c == '|' && alternation && index > 0 && index < pattern.length() - 1
                    && "(|".indexOf(pattern.charAt(index - 1)) < 0 && ")|".indexOf(pattern.charAt(index + 1)) < 0) {
                alternatives = true; // no empty alternative: POSIX leaves them undefined
                index++;
                continue;
            } else if ("]{}|*+?".indexOf(c) >= 0) {
                return null;
            } else {
                int codePoint = pattern.codePointAt(index);
                chars = ch -> ch == codePoint;
                index += Character.charCount(codePoint);
            }
            char quantifier = ' ';
            if (index < pattern.length() && "?*+".indexOf(pattern.charAt(index)) >= 0) {
                quantifier = pattern.charAt(index);
                index++;
                if (index < pattern.length() && "?*+{".indexOf(pattern.charAt(index)) >= 0) {
                    return null; // lazy, possessive or stacked quantifiers
                }
            } else if (index < pattern.length() && pattern.charAt(index) == '{') {
                return null;
            }
            atoms.add(new Atom(chars, quantifier, ' '));
        }
        return depth == 0 ? new SnowflakeRegex(atoms, groups, alternatives) : null;
    }

    /** Literal characters and ranges of letters or digits, optionally negated; no backslash, no POSIX class. */
    private static IntPredicate bracket(String body) {
        boolean negated = body.startsWith("^");
        String members = negated ? body.substring(1) : body;
        if (members.isEmpty() || members.indexOf('\\') >= 0 || members.indexOf('[') >= 0) {
            return null;
        }
        List<IntPredicate> parts = new ArrayList<>();
        for (int i = 0; i < members.length(); i++) {
            char from = members.charAt(i);
            if (i + 2 < members.length() && members.charAt(i + 1) == '-') {
                char to = members.charAt(i + 2);
                boolean sameKind = Character.isDigit(from) && Character.isDigit(to)
                        || Character.isLowerCase(from) && Character.isLowerCase(to)
                        || Character.isUpperCase(from) && Character.isUpperCase(to);
                if (!sameKind || from > 127 || to > 127 || from > to) {
                    return null;
                }
                parts.add(ch -> ch >= from && ch <= to);
                i += 2;
            } else if (from == '-' && i != 0 && i != members.length() - 1) {
                return null;
            } else {
                parts.add(ch -> ch == from);
            }
        }
        IntPredicate any = ch -> parts.stream().anyMatch(part -> part.test(ch));
        return negated ? any.negate() : any;
    }

    private static boolean digit(int ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean word(int ch) {
        return digit(ch) || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch == '_';
    }

    /** The number of capturing groups. */
    public int groups() {
        return groups;
    }

    /** Whether it can match the empty string (where engines step differently after an empty match). */
    public boolean matchesEmpty() {
        if (alternatives) { // conservatively: no alternative is empty, so one without ? and * cannot match ''
            return atoms.stream().anyMatch(Atom::optional);
        }
        return atoms.stream().allMatch(atom -> atom.chars() == null || atom.optional());
    }

    /** Whether the match at each start, and each group in it, is unique (see the class comment). */
    public boolean deterministic() {
        if (alternatives) {
            return false;
        }
        for (int i = 0; i < atoms.size(); i++) {
            Atom atom = atoms.get(i);
            if (atom.chars() == null || atom.quantifier() == ' ') {
                continue;
            }
            for (int probe : PROBES) {
                if (atom.chars().test(probe) && canStartAfter(i, probe)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether capturing group {@code group} (from 1, numbered by its opening parenthesis) can match the empty string:
     * every character set in it is optional. Groups are never quantified here, so a match always sets each group.
     */
    public boolean groupMatchesEmpty(int group) {
        int seen = 0;
        for (int start = 0; start < atoms.size(); start++) {
            if (atoms.get(start).structure() != '(' || ++seen != group) {
                continue;
            }
            int depth = 0;
            for (int i = start; i < atoms.size(); i++) {
                Atom atom = atoms.get(i);
                depth += atom.structure() == '(' ? 1 : atom.structure() == ')' ? -1 : 0;
                if (depth == 0) {
                    return true;
                }
                if (atom.chars() != null && !atom.optional()) {
                    return false;
                }
            }
        }
        throw new IllegalArgumentException("no group " + group + " in a pattern of " + groups + " groups");
    }

    /** Whether what follows atom {@code index} can start with {@code ch}. */
    private boolean canStartAfter(int index, int ch) {
        for (int i = index + 1; i < atoms.size(); i++) {
            Atom next = atoms.get(i);
            if (next.chars() == null) {
                continue; // group boundaries and $ consume nothing
            }
            if (next.chars().test(ch)) {
                return true;
            }
            if (!next.optional()) {
                return false;
            }
        }
        return false;
    }
}
