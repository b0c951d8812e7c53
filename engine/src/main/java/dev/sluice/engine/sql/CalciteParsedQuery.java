package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.sql.SqlNode;

/**
 * A query parsed by {@link CalciteFrontEnd}. Calcite's validator rewrites the tree it validates, so
 * the tree from parsing is handed to the first validation only; any later validation (another
 * catalog, another thread) parses the text again. That keeps the common path (parse once, validate
 * once) at one parse while the object stays safe to validate from any thread, any number of times.
 *
 * <p>Thread-safe.
 */
final class CalciteParsedQuery implements ParsedQuery {
    private final String sql;
    private final ModelDialect dialect;
    private final List<TableReference> tables;
    private final AtomicReference<SqlNode> unvalidatedTree;

    CalciteParsedQuery(String sql, ModelDialect dialect, SqlNode tree) {
        this.sql = requireNonNull(sql, "sql is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.tables = RelationCollector.collect(tree);
        this.unvalidatedTree = new AtomicReference<>(tree);
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public List<TableReference> tables() {
        return tables;
    }

    /** A tree no one else validates: the parsed one the first time, a fresh parse after that. */
    SqlNode treeForValidation() {
        SqlNode tree = unvalidatedTree.getAndSet(null);
        return tree != null ? tree : SluiceSqlParser.parseQuery(sql, dialect);
    }

    @Override
    public String toString() {
        return sql;
    }
}
