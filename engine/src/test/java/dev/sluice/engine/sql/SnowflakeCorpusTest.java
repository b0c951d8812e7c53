package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.sql.duckdb.SnowflakeToDuckDbTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Snowflake corpus ({@code sql/snowflake-corpus.sql}): models written for Snowflake, translated to DuckDB and run
 * over the analytics corpus's dataset. Each query's outcome is recorded in {@code snowflake-corpus.expected}: its
 * rows when it translates, or the constructs refused (line and construct) when it does not, or the problem when
 * Sluice's Snowflake front end cannot read it. The rows were recorded from the translated run and checked against
 * Snowflake's documented behaviour where the dialects differ (NULL order, LISTAGG of no value, DATEDIFF's
 * boundaries, ARRAY_SIZE of no array, GREATEST with a NULL); this test keeps them from changing.
 *
 * <p>To record the outcomes again (after adding a query), run this test with {@code -Dsluice.corpus.record=true}.
 */
class SnowflakeCorpusTest {
    private static final String QUERIES = "sql/snowflake-corpus.sql";
    private static final String EXPECTED = "sql/snowflake-corpus.expected";
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    private static final boolean RECORD = Boolean.getBoolean("sluice.corpus.record");
    private static final SnowflakeToDuckDbTranslator TRANSLATOR = new SnowflakeToDuckDbTranslator();
    private static DuckDbOracle duckDb;

    record Query(String name, String sql) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void loadDataset() throws SQLException {
        duckDb = DuckDbOracle.open(CATALOG);
        duckDb.execute("set TimeZone = 'UTC'"); // as Sluice's DuckDB connection
        for (String insert : AnalyticsCorpus.dataset()) {
            duckDb.execute(insert);
        }
    }

    @AfterAll
    static void stopDuckDb() throws SQLException {
        duckDb.close();
    }

    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (String chunk : resource(QUERIES).split("\n----\n")) {
            List<String> lines = chunk.lines().toList();
            int nameLine = 0;
            while (nameLine + 1 < lines.size() && lines.get(nameLine + 1).startsWith("-- ")) {
                nameLine++;
            }
            queries.add(new Query(lines.get(nameLine).substring(3).strip(),
                    String.join("\n", lines.subList(nameLine + 1, lines.size())).strip()));
        }
        return queries;
    }

    @Test
    void holdsSeventyDistinctQueriesOfWhichAtLeastEightyPercentTranslate() {
        List<Query> queries = queries();
        long translated = queries.stream().filter(query -> !outcome(query).get(0).startsWith("!! ")).count();

        assertThat(queries).hasSizeGreaterThanOrEqualTo(70).extracting(Query::name).doesNotHaveDuplicates();
        assertThat(translated * 100 / queries.size()).as("percent translated").isGreaterThanOrEqualTo(80);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void translatesAndRunsOnDuckDbWithTheRecordedOutcome(Query query) {
        if (RECORD) {
            return;
        }
        assertThat(outcome(query)).as("outcome of %s", query.name()).containsExactlyElementsOf(expected().get(query.name()));
    }

    /**
     * The columns recorded for a Snowflake model built on DuckDB (the manifest's) are the ones DuckDB builds: each
     * translated query's, by name and type, equal DuckDB's own {@code DESCRIBE} of the translation.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void recordsTheColumnsDuckDbBuilds(Query query) throws SQLException {
        DialectTranslation translation;
        try {
            translation = TRANSLATOR.translate(query.sql(), CATALOG);
        } catch (SqlProblemException e) {
            return; // not read by the Snowflake front end: its outcome is recorded above
        }
        if (!translation.translated()) {
            return;
        }
        assertThat(TRANSLATOR.builtColumns(translation.sql(), CATALOG))
                .extracting(column -> column.name().toLowerCase(java.util.Locale.ROOT) + " " + column.type())
                .as("columns of %s", query.name())
                .containsExactlyElementsOf(duckDb.describe(translation.sql()).stream()
                        .map(column -> column.name().toLowerCase(java.util.Locale.ROOT) + " " + column.type()).toList());
    }

    @Test
    void recordsOutcomesWhenAsked() throws IOException {
        if (!RECORD) {
            return;
        }
        StringBuilder expected = new StringBuilder("# Outcomes of sql/snowflake-corpus.sql translated to DuckDB on its"
                + " dataset: rows sorted, values tab-separated; '!! refused' lists the refused constructs by line:column,"
                + " '!! invalid' the problem Sluice's Snowflake front end reports.\n");
        for (Query query : queries()) {
            expected.append("== ").append(query.name()).append('\n');
            outcome(query).forEach(line -> expected.append(line).append('\n'));
        }
        Files.writeString(Path.of("src/test/resources", EXPECTED), expected, StandardCharsets.UTF_8);
    }

    /** The sorted rows of the translated query, or the refusals, or the problem. */
    private static List<String> outcome(Query query) {
        DialectTranslation translation;
        try {
            translation = TRANSLATOR.translate(query.sql(), CATALOG);
        } catch (SqlProblemException e) {
            return List.of("!! invalid: " + e.problem().line() + ":" + e.problem().column() + ": " + e.problem().message());
        }
        if (!translation.translated()) {
            return translation.refusals().stream()
                    .map(refusal -> "!! refused: " + refusal.line() + ":" + refusal.column() + ": " + refusal.construct())
                    .toList();
        }
        try {
            List<String> rows = new ArrayList<>();
            for (List<String> row : duckDb.rows(translation.sql())) {
                rows.add(row.stream().map(value -> value == null ? "NULL" : value.replace('\t', ' ').replace('\n', ' '))
                        .collect(Collectors.joining("\t")));
            }
            rows.sort(null);
            return rows.isEmpty() ? List.of("(no rows)") : rows;
        } catch (SQLException e) {
            throw new AssertionError("the translation of " + query.name() + " fails on DuckDB:\n" + translation.sql(), e);
        }
    }

    private static Map<String, List<String>> expected() {
        Map<String, List<String>> results = new LinkedHashMap<>();
        List<String> lines = null;
        for (String line : resource(EXPECTED).split("\n", -1)) {
            if (line.startsWith("== ")) {
                lines = new ArrayList<>();
                results.put(line.substring(3), lines);
            } else if (lines != null && !line.isEmpty()) {
                lines.add(line);
            }
        }
        return results;
    }

    private static String resource(String name) {
        try (InputStream input = SnowflakeCorpusTest.class.getClassLoader().getResourceAsStream(name)) {
            if (input == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
