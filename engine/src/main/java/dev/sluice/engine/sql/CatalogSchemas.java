package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * Calcite schemas that read a {@link SqlCatalog} at lookup time, so a validation always sees the
 * catalog as it is now (models are added while others validate) and nothing is copied per call.
 * Every schema name resolves (to a possibly empty schema): asking the catalog whether a schema exists
 * would mean listing all its tables, and an unknown schema still ends in "table not found".
 *
 * <p>Thread-safe as far as the catalog is; the schemas hold no state of their own.
 */
final class CatalogSchemas {
    private CatalogSchemas() {}

    /** A root schema whose sub-schemas are the catalog's schemas; cheap, build one per validation. */
    static CalciteSchema root(SqlCatalog catalog) {
        return root(catalog, java.util.function.UnaryOperator.identity());
    }

    /** {@link #root(SqlCatalog)} with each table as {@code view} shows it (applied when the table is looked up). */
    static CalciteSchema root(SqlCatalog catalog, java.util.function.UnaryOperator<SqlCatalog.Table> view) {
        return CalciteSchema.createRootSchema(false, false, "", new Root(catalog, view));
    }

    private static final class Root extends AbstractSchema {
        private final SqlCatalog catalog;
        private final java.util.function.UnaryOperator<SqlCatalog.Table> view;

        Root(SqlCatalog catalog, java.util.function.UnaryOperator<SqlCatalog.Table> view) {
            this.catalog = requireNonNull(catalog, "catalog is null");
            this.view = view;
        }

        @Override
        public Lookup<Schema> subSchemas() {
            return new Lookup<>() {
                @Override
                public Schema get(String name) {
                    return new OneSchema(catalog, name, view);
                }

                @Override
                public Named<Schema> getIgnoreCase(String name) {
                    return new Named<>(name, new OneSchema(catalog, name, view));
                }

                @Override
                public Set<String> getNames(LikePattern pattern) {
                    return catalog.tables().stream().map(SqlCatalog.Table::schema)
                            .filter(pattern.matcher()::apply).collect(Collectors.toSet());
                }
            };
        }
    }

    private static final class OneSchema extends AbstractSchema {
        private final SqlCatalog catalog;
        private final String schema;
        private final java.util.function.UnaryOperator<SqlCatalog.Table> view;

        OneSchema(SqlCatalog catalog, String schema, java.util.function.UnaryOperator<SqlCatalog.Table> view) {
            this.catalog = catalog;
            this.schema = schema;
            this.view = view;
        }

        @Override
        public Lookup<Table> tables() {
            return new Lookup<>() {
                @Override
                public Table get(String name) {
                    return catalog.find(schema, name).map(view).map(CatalogTable::new).orElse(null);
                }

                @Override
                public Named<Table> getIgnoreCase(String name) {
                    return catalog.find(schema, name).map(view)
                            .map(table -> new Named<Table>(table.name(), new CatalogTable(table)))
                            .orElse(null);
                }

                @Override
                public Set<String> getNames(LikePattern pattern) {
                    return catalog.tables().stream()
                            .filter(table -> table.schema().equalsIgnoreCase(schema))
                            .map(SqlCatalog.Table::name)
                            .filter(pattern.matcher()::apply).collect(Collectors.toSet());
                }
            };
        }

        @Override
        public Lookup<Schema> subSchemas() {
            return Lookup.empty();
        }
    }
}
