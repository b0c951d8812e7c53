package dev.sluice.engine.unittest;

import dev.sluice.engine.model.SqlLiterals;

import static dev.sluice.engine.model.Identifiers.identifier;
import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.engine.compile.ModelDefinition;
import dev.sluice.engine.compile.SourceRef;
import dev.sluice.engine.compile.WrittenRelation;
import dev.sluice.engine.datatest.DataTest;
import dev.sluice.engine.datatest.DataTestResult;
import dev.sluice.engine.project.SourceConfig;
import dev.sluice.engine.project.UnitTestSpec;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.Warehouses;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs unit tests of models on a fresh in-memory DuckDB, never touching the project's data: every
 * relation the model reads is created with the columns the compile knew, filled with the given rows
 * (or left empty), then the model's SQL runs as compiled and its rows are compared with the expected
 * ones. Ephemeral models that are not given run from their own inputs. A failure shows a row diff.
 *
 * <p>Thread-safe (stateless); each test opens its own database.
 */
public final class UnitTestRunner {
    private static final int DIFF_ROWS_SHOWN = 20;

    private UnitTestRunner() {}

    /** Runs the unit tests of the given models, in declaration order. */
    public static List<DataTestResult> run(CompiledProject project, Collection<String> models) {
        List<DataTestResult> results = new ArrayList<>();
        for (UnitTestSpec spec : project.project().unitTests()) {
            if (models.contains(spec.model())) {
                results.add(runOne(project, spec));
            }
        }
        return results;
    }

    private static DataTestResult runOne(CompiledProject project, UnitTestSpec spec) {
        DataTest test = new DataTest(spec.name(), spec.model(), null, "unit", null, List.of(spec.model()), false,
                spec.file(), null);
        Instant started = Instant.now();
        CompiledModel model = project.models().get(spec.model());
        if (model.hasErrors()) {
            return new DataTestResult(test, DataTestResult.Status.ERROR, 0, "model " + spec.model()
                    + " did not compile", Duration.ZERO);
        }
        try (Warehouse scratch = Warehouses.open("duckdb", Map.of("path", ":memory:", "schema",
                project.catalog().defaultSchema())); WarehouseSession session = scratch.openSession()) {
            Fixture fixture = new Fixture(project, spec, session);
            fixture.prepareInputs(model.definition(), new HashSet<>());
            fixture.checkAllGivenUsed();
            session.execute("create table __sluice_actual as\n" + model.renderedSql().strip().replaceAll(";+$", ""));
            List<String> diff = Expectations.diff(session, spec, DIFF_ROWS_SHOWN);
            Duration elapsed = Duration.between(started, Instant.now());
            return diff.isEmpty() ? new DataTestResult(test, DataTestResult.Status.PASS, 0, null, elapsed)
                    : new DataTestResult(test, DataTestResult.Status.FAIL, diff.size() - 1, spec.file() + ": unit test "
                            + spec.name() + " of " + spec.model() + ": rows differ\n" + String.join("\n", diff), elapsed);
        } catch (RuntimeException e) {
            return new DataTestResult(test, DataTestResult.Status.ERROR, 0, spec.file() + ": unit test " + spec.name()
                    + ": " + e.getMessage(), Duration.between(started, Instant.now()));
        }
    }

    /** Creates the relations a model reads in the scratch database. Not thread-safe. */
    private static final class Fixture {
        private final CompiledProject project;
        private final UnitTestSpec spec;
        private final WarehouseSession session;
        private final Set<String> used = new LinkedHashSet<>();

        Fixture(CompiledProject project, UnitTestSpec spec, WarehouseSession session) {
            this.project = project;
            this.spec = spec;
            this.session = session;
        }

        void prepareInputs(ModelDefinition model, Set<String> done) {
            for (String ref : model.refs()) {
                ModelDefinition parent = project.models().get(ref).definition();
                List<Map<String, Object>> rows = given(new WrittenRelation(ref, null));
                RelationName name = parent.isEphemeral()
                        ? new RelationName(project.catalog().defaultSchema(), parent.ephemeralName()) : parent.relation();
                if (!done.add(name.toString())) {
                    continue;
                }
                if (parent.isEphemeral() && rows == null) {
                    prepareInputs(parent, done);
                    session.execute("create view " + relation(name) + " as\n"
                            + project.models().get(ref).renderedSql().strip().replaceAll(";+$", ""));
                } else {
                    create(name, "ref(\"" + ref + "\")", rows);
                }
            }
            for (SourceRef source : model.sources()) {
                SourceConfig config = project.project().config().sources().get(source.source());
                RelationName name = new RelationName(config.schema(), config.table(source.table()).orElseThrow().identifier());
                if (done.add(name.toString())) {
                    create(name, source.toString(), given(new WrittenRelation(null, source)));
                }
            }
        }

        private List<Map<String, Object>> given(WrittenRelation relation) {
            for (var entry : spec.given().entrySet()) {
                if (WrittenRelation.parse(entry.getKey()).map(relation::equals).orElse(false)) {
                    used.add(entry.getKey());
                    return entry.getValue();
                }
            }
            return null;
        }

        private void create(RelationName name, String description, List<Map<String, Object>> rows) {
            SqlCatalog.Table table = project.catalog().find(name.schema(), name.name()).orElseThrow(() ->
                    new IllegalStateException("the columns of " + description + " are unknown, so it cannot be"
                            + " created for the test; declare them in sluice.yml or build it first"));
            session.createSchema(name.schema());
            session.execute("create table " + relation(name) + " (" + table.columns().stream()
                    .map(column -> identifier(column.name()) + " " + column.type()).collect(Collectors.joining(", "))
                    + ")");
            if (rows == null) {
                return;
            }
            Set<String> known = table.columns().stream().map(column -> column.name().toLowerCase()).collect(Collectors.toSet());
            for (Map<String, Object> row : rows) {
                for (String column : row.keySet()) {
                    if (!known.contains(column.toLowerCase())) {
                        throw new IllegalArgumentException("given " + description + ": \"" + column
                                + "\" is not one of its columns " + table.columns().stream().map(SqlCatalog.Column::name)
                                .toList());
                    }
                }
                session.execute("insert into " + relation(name) + " (" + row.keySet().stream().map(c -> identifier(c))
                        .collect(Collectors.joining(", ")) + ") values (" + row.values().stream().map(SqlLiterals::of)
                        .collect(Collectors.joining(", ")) + ")");
            }
        }

        void checkAllGivenUsed() {
            for (String input : spec.given().keySet()) {
                if (!used.contains(input)) {
                    throw new IllegalArgumentException("given " + input + ": model " + spec.model()
                            + " does not read it (write ref(\"model\") or source(\"name\", \"table\") as the model does)");
                }
            }
        }
    }
}
