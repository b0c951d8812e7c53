package dev.sluice.engine.datatest;

import dev.sluice.engine.Diagnostic;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.CompiledTest;
import dev.sluice.engine.compile.WrittenRelation;
import dev.sluice.engine.model.Identifiers;
import dev.sluice.engine.project.DeclaredTest;
import dev.sluice.engine.project.ModelDoc;
import dev.sluice.engine.project.SourceConfig;
import dev.sluice.spi.RelationName;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every data test of a compiled project: generic tests declared in models yml files, custom tests
 * from {@code tests/*.sql}, and source freshness checks. Stateless and thread-safe.
 */
public final class DataTests {
    private DataTests() {}

    /** The tests in a stable order: models in topological order, then custom tests, then freshness. */
    public static List<DataTest> of(CompiledProject project) {
        List<DataTest> tests = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (CompiledModel model : project.models().values()) {
            ModelDoc doc = project.project().docs().get(model.name());
            if (doc == null) {
                continue;
            }
            for (DeclaredTest declared : doc.tests()) {
                String name = unique(names, declared.kind() + "_" + model.name()
                        + (declared.column() == null ? "" : "_" + declared.column()));
                try {
                    String sql = GenericTests.sql(declared, model.name(), relation(model), to -> parent(project, to));
                    tests.add(new DataTest(name, model.name(), declared.column(), declared.kind(), sql,
                            List.of(model.name()), declared.warnOnly(), declared.file(), null));
                } catch (SluiceException e) {
                    tests.add(new DataTest(name, model.name(), declared.column(), declared.kind(), null,
                            List.of(model.name()), declared.warnOnly(), declared.file(), e.getMessage()));
                }
            }
        }
        List<String> order = project.graph().topologicalOrder();
        for (CompiledTest custom : project.tests()) {
            String attachedTo = custom.refs().stream().filter(order::contains)
                    .max(Comparator.comparingInt(order::indexOf)).orElse(null);
            String error = custom.hasErrors() ? custom.diagnostics().stream()
                    .filter(diagnostic -> diagnostic.severity() == Diagnostic.Severity.ERROR).map(Diagnostic::format)
                    .collect(Collectors.joining("\n")) : null;
            tests.add(new DataTest(unique(names, custom.name()), attachedTo, null, "custom",
                    custom.hasErrors() ? null : custom.sql(), custom.refs(), false, custom.path(), error));
        }
        for (SourceConfig source : project.project().config().sources().values()) {
            for (SourceConfig.SourceTable table : source.tables().values()) {
                if (table.freshness() != null) {
                    tests.addAll(freshness(source, table, names));
                }
            }
        }
        return tests;
    }

    private static List<DataTest> freshness(SourceConfig source, SourceConfig.SourceTable table, Map<String, Integer> names) {
        String relation = Identifiers.relation(new RelationName(source.schema(), table.identifier()));
        String loadedAt = Identifiers.identifier(table.freshness().loadedAtField());
        List<DataTest> tests = new ArrayList<>();
        // The time of listing, in UTC, as a literal every warehouse reads alike (Snowflake has no now(), and its
        // session runs in UTC as DuckDB's and PostgreSQL's do): the tests run right after they are listed.
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        for (Duration limit : new Duration[] {table.freshness().warnAfter(), table.freshness().errorAfter()}) {
            if (limit == null) {
                continue;
            }
            boolean warn = limit == table.freshness().warnAfter();
            // One row when the newest row is older than the limit (or there is none): that row fails the test.
            String sql = "select max(" + loadedAt + ") as latest_loaded_at from " + relation + " having max(" + loadedAt
                    + ") is null or max(" + loadedAt + ") < timestamp '"
                    + now.minus(limit).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + "'";
            tests.add(new DataTest(unique(names, "freshness_" + (warn ? "warn_" : "error_") + source.name() + "_"
                    + table.name()), null, table.freshness().loadedAtField(), "freshness", sql, List.of(), warn,
                    "sluice.yml", null));
        }
        return tests;
    }

    /** A model as a relation a test can read: its table or view, or an ephemeral model's query. */
    private static String relation(CompiledModel model) {
        if (model.definition().isEphemeral()) {
            return "(" + model.compiledSql().strip().replaceAll(";+$", "") + "\n)";
        }
        return Identifiers.relation(model.definition().relation());
    }

    private static String parent(CompiledProject project, String to) {
        WrittenRelation parent = WrittenRelation.parse(to).orElseThrow(() -> new SluiceException(
                dev.sluice.engine.ErrorCode.PROJECT_CONFIG, "relationships: to: must be ref(\"model\") or"
                        + " source(\"name\", \"table\"), got " + to));
        if (parent.model() != null) {
            CompiledModel model = project.models().get(parent.model());
            if (model == null) {
                throw new SluiceException(dev.sluice.engine.ErrorCode.UNKNOWN_REF, "relationships: to: " + to
                        + ": no model named \"" + parent.model() + "\"");
            }
            return relation(model);
        }
        SourceConfig config = project.project().config().sources().get(parent.source().source());
        SourceConfig.SourceTable table = config == null ? null : config.table(parent.source().table()).orElse(null);
        if (table == null) {
            throw new SluiceException(dev.sluice.engine.ErrorCode.UNKNOWN_SOURCE, "relationships: to: " + to
                    + ": no such source table");
        }
        return Identifiers.relation(new RelationName(config.schema(), table.identifier()));
    }

    private static String unique(Map<String, Integer> names, String name) {
        int seen = names.merge(name, 1, Integer::sum);
        return seen == 1 ? name : name + "_" + seen;
    }
}
