package dev.sluice.engine.compile;

import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.engine.sql.SqlFrontEnd;
import dev.sluice.spi.RelationName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validated analyses of earlier compiles in this process, so a model whose rendered SQL and inputs
 * did not change is not parsed and validated again: a server running the same project every few
 * minutes, or {@code sluice run} after {@code sluice compile} in one process. Calcite was half of a
 * small project's compile.
 *
 * <p>The key holds everything validation reads: the front end (its dialect and functions), whether
 * lineage is traced, the default schema unqualified names resolve in, the SQL, and the catalog's
 * entry (columns, types, nullability) for every relation the model may read, which is all it can
 * read without failing. Only validated analyses are kept (they carry no diagnostics naming a file);
 * failures and fallbacks are analysed every time, so their messages stay fresh.
 *
 * <p>Validated analyses without lineage are also kept on disk, one per model, for the next process
 * ({@link PersistedAnalyses}).
 *
 * <p>Thread-safe. At most {@value #CAPACITY} entries, least recently used dropped first.
 */
public final class AnalysisCache {
    static final int CAPACITY = 20_000;
    /** Guarded by itself. */
    private static final Map<Key, ModelAnalyzer.Analysis> ANALYSES = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ModelAnalyzer.Analysis> eldest) {
            return size() > CAPACITY;
        }
    };

    private AnalysisCache() {}

    record Key(SqlFrontEnd frontEnd, boolean lineage, String defaultSchema, String sql,
            Map<RelationName, Optional<SqlCatalog.Table>> inputs) {}

    static Key key(SqlFrontEnd frontEnd, boolean lineage, CompileContext context, String sql, Set<RelationName> allowed) {
        Map<RelationName, Optional<SqlCatalog.Table>> inputs = new HashMap<>();
        for (RelationName relation : allowed) {
            inputs.put(relation, context.catalog().find(relation.schema(), relation.name()));
        }
        return new Key(frontEnd, lineage, context.defaultSchema(), sql, inputs);
    }

    static Optional<ModelAnalyzer.Analysis> find(Key key) {
        synchronized (ANALYSES) {
            return Optional.ofNullable(ANALYSES.get(key));
        }
    }

    static void keep(Key key, ModelAnalyzer.Analysis analysis) {
        if (analysis.status() != ValidationStatus.VALIDATED || !analysis.diagnostics().isEmpty()) {
            return;
        }
        synchronized (ANALYSES) {
            ANALYSES.put(key, analysis);
        }
    }

    /**
     * Forgets every analysis of this process, as a new process starts: the ones kept on disk
     * ({@link PersistedAnalyses}) are read again when next asked for.
     */
    public static void clear() {
        synchronized (ANALYSES) {
            ANALYSES.clear();
        }
        PersistedAnalyses.forgetLoaded();
    }

    /**
     * {@link #clear()}, and deletes the analyses kept on disk in {@code targetDirectory}: the next compile
     * validates every model, as a compile benchmark should measure.
     */
    public static void clearIncludingDisk(Path targetDirectory) {
        clear();
        try {
            Files.deleteIfExists(targetDirectory.resolve(PersistedAnalyses.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the analyses kept for {@code targetDirectory} to its {@code analysis-cache.json}, for the models
     * of {@code models} (when anything changed). Called with the compile's other artifacts.
     */
    public static void writeKept(Path targetDirectory, Set<String> models) {
        PersistedAnalyses.of(targetDirectory).write(models);
    }

    /**
     * Writes the analyses kept for {@code targetDirectory} as {@link #writeKept(Path, Set)} does, for the models
     * and custom tests of {@code compiled}.
     */
    public static void writeKept(Path targetDirectory, CompiledProject compiled) {
        Set<String> kept = new java.util.HashSet<>(compiled.models().keySet());
        compiled.tests().forEach(test -> kept.add(ModelAnalyzer.keptTestName(test.name())));
        writeKept(targetDirectory, kept);
    }
}
