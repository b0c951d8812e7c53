package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The analytics corpus translated to Snowflake: how many of its DuckDB queries translate, and which
 * constructs the others are refused for. A translation cannot be run here (there is no Snowflake), so
 * this measures coverage; each rule's meaning is argued in {@link SnowflakeFunctions} and
 * {@link SnowflakeDialect}, and its DuckDB side checked in {@link SnowflakeRuleFactsTest}.
 */
class SnowflakeCorpusTranslationTest {
    private final SnowflakeTranslator translator = new SnowflakeTranslator();
    private final SqlCatalog catalog = ShopCatalog.create();

    /** Queries known to translate today: a rule that stops applying shows here. */
    private static final int TRANSLATED_AT_LEAST = 197;

    @Test
    void theCorpusTranslatesAndEveryRefusalNamesALineAndAConstruct() {
        List<AnalyticsCorpus.Query> queries = AnalyticsCorpus.queries();
        List<String> refusedQueries = new ArrayList<>();
        Map<String, Integer> constructs = new TreeMap<>();
        for (AnalyticsCorpus.Query query : queries) {
            DialectTranslation translation = translator.translate(query.sql(), catalog);
            if (translation.translated()) {
                assertThat(translation.sql()).as(query.name()).isNotBlank();
                continue;
            }
            assertThat(translation.refusals()).as(query.name()).isNotEmpty().allSatisfy(refusal -> {
                assertThat(refusal.line()).isPositive();
                assertThat(refusal.construct()).as(query.name() + ": " + refusal).isNotBlank()
                        .doesNotContainPattern("EXPR\\$\\d");
            });
            refusedQueries.add(query.name() + ": " + translation.refusals());
            translation.refusals().stream().map(TranslationRefusal::construct).distinct()
                    .forEach(construct -> constructs.merge(construct, 1, Integer::sum));
        }
        int translated = queries.size() - refusedQueries.size();
        System.out.printf("Snowflake translation: %d of %d corpus queries (%.0f%%) translate; %d refused%n",
                translated, queries.size(), 100.0 * translated / queries.size(), refusedQueries.size());
        constructs.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> System.out.println("  " + entry.getValue() + "  " + entry.getKey()));
        refusedQueries.forEach(line -> System.out.println("  - " + line));

        assertThat(translated).as("translated queries, of %d", queries.size()).isGreaterThanOrEqualTo(TRANSLATED_AT_LEAST);
    }
}
