package dev.sluice.engine.template;

import java.util.List;

/**
 * Maps the lines of a rendered model back to the lines of its file. Freemarker keeps white-space, so
 * most lines come out where they were written, but a macro or a list can print more or fewer lines
 * than it takes in the file. The two texts are aligned by their longest common subsequence of lines:
 * a line printed as written maps to itself; a line in between two such lines maps to the file line at
 * the same distance into the gap, or to the gap's last file line when the rendering is longer there.
 *
 * <p>Immutable and thread-safe.
 */
public final class SourceLines {
    /** Above this many line pairs the alignment is skipped and lines map to themselves. */
    private static final long MAX_CELLS = 4_000_000;
    /** For each rendered line (0-based), the file line (1-based). */
    private final int[] fileLines;

    private SourceLines(int[] fileLines) {
        this.fileLines = fileLines;
    }

    /** Aligns {@code rendered} (the template's output) with {@code file} (the template's text). */
    public static SourceLines of(String file, String rendered) {
        List<String> source = file.lines().map(String::strip).toList();
        List<String> output = rendered.lines().map(String::strip).toList();
        int[] mapped = new int[output.size()];
        if ((long) source.size() * output.size() > MAX_CELLS) {
            for (int line = 0; line < mapped.length; line++) {
                mapped[line] = Math.min(line + 1, Math.max(1, source.size()));
            }
            return new SourceLines(mapped);
        }
        // common[i][j]: the longest common subsequence of source[i..] and output[j..].
        int[][] common = new int[source.size() + 1][output.size() + 1];
        for (int i = source.size() - 1; i >= 0; i--) {
            for (int j = output.size() - 1; j >= 0; j--) {
                common[i][j] = source.get(i).equals(output.get(j)) && !source.get(i).isEmpty() ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        int gapSource = 0;
        int gapOutput = 0;
        while (j < output.size()) {
            if (i < source.size() && !source.get(i).isEmpty() && source.get(i).equals(output.get(j))
                    && common[i][j] == common[i + 1][j + 1] + 1) {
                mapped[j] = i + 1;
                i++;
                j++;
                gapSource = i;
                gapOutput = j;
            } else if (i < source.size() && common[i + 1][j] >= common[i][j + 1]) {
                i++;
            } else {
                // An output line inside a gap: as far into the file's gap as it is into the output's.
                int fileGap = nextMatchedSource(common, source, output, i, j) - gapSource;
                mapped[j] = fileGap > 0 ? gapSource + Math.min(j - gapOutput, fileGap - 1) + 1 : Math.max(1, gapSource);
                j++;
            }
        }
        return new SourceLines(mapped);
    }

    /** The 0-based file line of the next matched pair at or after ({@code i}, {@code j}), or the file's end. */
    private static int nextMatchedSource(int[][] common, List<String> source, List<String> output, int i, int j) {
        while (i < source.size() && j < output.size()) {
            if (!source.get(i).isEmpty() && source.get(i).equals(output.get(j)) && common[i][j] == common[i + 1][j + 1] + 1) {
                return i;
            }
            if (common[i + 1][j] >= common[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return source.size();
    }

    /** The file line (1-based) that printed {@code renderedLine} (1-based); {@code 0} when out of range. */
    public int fileLine(int renderedLine) {
        return renderedLine < 1 || renderedLine > fileLines.length ? 0 : fileLines[renderedLine - 1];
    }
}
