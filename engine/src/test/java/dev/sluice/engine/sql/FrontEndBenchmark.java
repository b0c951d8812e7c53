package dev.sluice.engine.sql;

import java.util.List;
import java.util.Locale;

/**
 * Parse + validate time per model, warm, over the analytics corpus. A program, not a test: run it
 * with {@code main}; it prints milliseconds per query. Single-threaded. An argument {@code n} measures
 * only the first {@code n} queries (the corpus grows; earlier measurements used fewer).
 */
public final class FrontEndBenchmark {
    private static final int WARM_UP_ROUNDS = 30;
    private static final int MEASURED_ROUNDS = 50;

    private FrontEndBenchmark() {}

    public static void main(String[] args) {
        SqlFrontEnd frontEnd = new CalciteFrontEnd();
        SqlCatalog catalog = ShopCatalog.create();
        List<AnalyticsCorpus.Query> corpus = AnalyticsCorpus.queries();
        List<AnalyticsCorpus.Query> queries = args.length == 0 ? corpus
                : corpus.subList(0, Math.min(Integer.parseInt(args[0]), corpus.size()));
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            runAll(frontEnd, catalog, queries);
        }
        long start = System.nanoTime();
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            runAll(frontEnd, catalog, queries);
        }
        double perQueryMillis = (System.nanoTime() - start) / 1e6 / MEASURED_ROUNDS / queries.size();
        System.out.printf(Locale.ROOT, "%d queries x %d rounds: %.3f ms per parse + validate (warm)%n",
                queries.size(), MEASURED_ROUNDS, perQueryMillis);
    }

    private static void runAll(SqlFrontEnd frontEnd, SqlCatalog catalog, List<AnalyticsCorpus.Query> queries) {
        for (AnalyticsCorpus.Query query : queries) {
            frontEnd.validate(frontEnd.parse(query.sql()), catalog);
        }
    }
}
