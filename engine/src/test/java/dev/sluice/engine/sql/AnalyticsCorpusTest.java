package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query of the analytics corpus parses, validates with the output column names and types
 * DuckDB's own DESCRIBE gives it, and, run on DuckDB over the corpus dataset, still returns the
 * results recorded in {@code analytics-corpus.expected}.
 *
 * <p>To record the results again (after adding a query), run this test with
 * {@code -Dsluice.corpus.record=true}: it rewrites the expected file from DuckDB instead of comparing.
 */
class AnalyticsCorpusTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd();
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    private static final boolean RECORD = Boolean.getBoolean("sluice.corpus.record");
    private static DuckDbOracle duckDb;

    @BeforeAll
    static void loadDataset() throws SQLException {
        duckDb = DuckDbOracle.open(CATALOG);
        for (String insert : AnalyticsCorpus.dataset()) {
            duckDb.execute(insert);
        }
    }

    @AfterAll
    static void stopDuckDb() throws SQLException {
        duckDb.close();
    }

    static List<AnalyticsCorpus.Query> queries() {
        return AnalyticsCorpus.queries();
    }

    @Test
    void holdsOverAHundredDistinctQueries() {
        assertThat(queries()).hasSizeGreaterThanOrEqualTo(100)
                .extracting(AnalyticsCorpus.Query::name).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void validatesWithDuckDbsColumnsAndTypes(AnalyticsCorpus.Query query) throws SQLException {
        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(query.sql()), CATALOG);

        assertThat(validated.columns())
                .extracting(column -> column.name().toLowerCase(Locale.ROOT) + " " + column.type())
                .containsExactlyElementsOf(duckDb.describe(query.sql()).stream()
                        .map(column -> column.name().toLowerCase(Locale.ROOT) + " " + column.type()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void runsOnDuckDbWithTheRecordedResults(AnalyticsCorpus.Query query) throws SQLException {
        if (RECORD) {
            return;
        }
        assertThat(sortedRows(query.sql())).as("results of %s", query.name())
                .containsExactlyElementsOf(AnalyticsCorpus.expectedResults().get(query.name()));
    }

    @Test
    void recordsResultsWhenAsked() throws SQLException, IOException {
        if (!RECORD) {
            return;
        }
        StringBuilder expected = new StringBuilder("# Results of sql/analytics-corpus.sql on its dataset, recorded from DuckDB;"
                + " rows sorted, values tab-separated.\n");
        for (AnalyticsCorpus.Query query : queries()) {
            expected.append("== ").append(query.name()).append('\n');
            sortedRows(query.sql()).forEach(row -> expected.append(row).append('\n'));
        }
        Files.writeString(Path.of("src/test/resources", AnalyticsCorpus.EXPECTED_RESOURCE), expected,
                StandardCharsets.UTF_8);
    }

    private static List<String> sortedRows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (List<String> row : duckDb.rows(sql)) {
            rows.add(row.stream().map(value -> value == null ? "NULL" : value.replace('\t', ' ').replace('\n', ' '))
                    .collect(Collectors.joining("\t")));
        }
        rows.sort(null);
        return rows;
    }
}
