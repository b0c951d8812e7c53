package dev.sluice.engine.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analytics corpus ({@code sql/analytics-corpus.sql}), its dataset and its recorded results, read
 * from the test class path. Shared by the corpus test and the front-end benchmark.
 */
final class AnalyticsCorpus {
    /** A query of the corpus: its name (the comment it starts with) and its text. */
    record Query(String name, String sql) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String EXPECTED_RESOURCE = "sql/analytics-corpus.expected";

    private AnalyticsCorpus() {}

    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (String chunk : resource("sql/analytics-corpus.sql").split("\n----\n")) {
            List<String> lines = chunk.lines().toList();
            int nameLine = 0;
            while (nameLine + 1 < lines.size() && lines.get(nameLine + 1).startsWith("-- ")) {
                nameLine++;
            }
            String name = lines.get(nameLine).substring(3).strip();
            queries.add(new Query(name, String.join("\n", lines.subList(nameLine + 1, lines.size())).strip()));
        }
        return queries;
    }

    /** The INSERT statements of the dataset. */
    static List<String> dataset() {
        return List.of(resource("sql/analytics-corpus-data.sql").replaceAll("(?m)^--.*$", "").split(";\\s*"))
                .stream().filter(statement -> !statement.isBlank()).toList();
    }

    /** Recorded results: query name to its rows, each row's values joined by tabs, rows sorted. */
    static Map<String, List<String>> expectedResults() {
        Map<String, List<String>> results = new LinkedHashMap<>();
        List<String> rows = null;
        for (String line : resource(EXPECTED_RESOURCE).split("\n", -1)) {
            if (line.startsWith("== ")) {
                rows = new ArrayList<>();
                results.put(line.substring(3), rows);
            } else if (rows != null && !line.isEmpty()) {
                rows.add(line);
            }
        }
        return results;
    }

    private static String resource(String name) {
        try (InputStream input = AnalyticsCorpus.class.getClassLoader().getResourceAsStream(name)) {
            if (input == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
