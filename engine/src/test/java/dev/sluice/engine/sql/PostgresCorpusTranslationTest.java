package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.sql.postgres.PostgresTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The analytics corpus translated to PostgreSQL, without a server: how many queries translate and which constructs
 * the others are refused for, each named as the SQL writes it (never a name only the validator gives, such as
 * {@code EXPR$0}). {@link PostgresDifferentialTest} runs the translations on a real PostgreSQL.
 */
class PostgresCorpusTranslationTest {
    /** Queries known to translate today: a rule that stops applying shows here. */
    private static final int TRANSLATED_AT_LEAST = 131;

    @Test
    void theCorpusTranslatesAndEveryRefusalNamesALineAndAConstructAsWritten() {
        PostgresTranslator translator = new PostgresTranslator();
        SqlCatalog catalog = ShopCatalog.create();
        List<AnalyticsCorpus.Query> queries = AnalyticsCorpus.queries();
        List<String> refusedQueries = new ArrayList<>();
        Map<String, Integer> constructs = new TreeMap<>();
        List<String> refusals = new ArrayList<>();
        for (AnalyticsCorpus.Query query : queries) {
            DialectTranslation translation = translator.translate(query.sql(), catalog);
            if (translation.translated()) {
                continue;
            }
            assertThat(translation.refusals()).as(query.name()).isNotEmpty();
            refusals.addAll(translation.refusals().stream().map(refusal -> query.name() + ": " + refusal).toList());
            refusedQueries.add(query.name() + ": " + translation.refusals());
            translation.refusals().stream().map(TranslationRefusal::construct).distinct()
                    .forEach(construct -> constructs.merge(construct, 1, Integer::sum));
        }
        int translated = queries.size() - refusedQueries.size();
        System.out.printf("PostgreSQL translation: %d of %d corpus queries (%.0f%%) translate; %d refused%n",
                translated, queries.size(), 100.0 * translated / queries.size(), refusedQueries.size());
        constructs.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> System.out.println("  " + entry.getValue() + "  " + entry.getKey()));
        refusedQueries.forEach(line -> System.out.println("  - " + line));

        // each names a line, and a construct as the SQL writes it
        assertThat(refusals).allSatisfy(refusal -> assertThat(refusal).doesNotContainPattern("EXPR\\$\\d")
                .doesNotContain(": 0:"));
        assertThat(translated).as("translated queries, of %d", queries.size()).isGreaterThanOrEqualTo(TRANSLATED_AT_LEAST);
    }
}
