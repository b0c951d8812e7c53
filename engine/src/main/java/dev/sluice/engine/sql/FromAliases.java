package dev.sluice.engine.sql;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;

/**
 * Finds the catalog table behind a table alias by reading a freshly parsed query's FROM clauses.
 * The validator's own scopes are the first choice ({@link VisibleRelations}); this covers the cases
 * where the validator rewrote the tree before failing (inside aggregate calls, for one), so an error
 * can still name {@code ref("orders")} and suggest its columns. Stateless and thread-safe.
 */
final class FromAliases {
    private FromAliases() {}

    /** The catalog table a qualifier names in any SELECT of the query, searching FROM clauses. */
    static Optional<SqlCatalog.Table> table(String sql, String qualifier, SqlCatalog catalog) {
        SqlNode tree;
        try {
            tree = SluiceSqlParser.parseQuery(sql);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return search(tree, qualifier, catalog);
    }

    private static Optional<SqlCatalog.Table> search(SqlNode node, String qualifier, SqlCatalog catalog) {
        if (node instanceof SqlSelect select && select.getFrom() != null) {
            Optional<SqlCatalog.Table> found = inFrom(select.getFrom(), qualifier, catalog);
            if (found.isPresent()) {
                return found;
            }
        }
        List<SqlNode> children = node instanceof SqlCall call ? call.getOperandList()
                : node instanceof SqlNodeList list ? list.getList() : List.of();
        for (SqlNode child : children) {
            if (child != null) {
                Optional<SqlCatalog.Table> found = search(child, qualifier, catalog);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<SqlCatalog.Table> inFrom(SqlNode from, String qualifier, SqlCatalog catalog) {
        if (from instanceof SqlJoin join) {
            return inFrom(join.getLeft(), qualifier, catalog).or(() -> inFrom(join.getRight(), qualifier, catalog));
        }
        if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS
                && call.operand(1) instanceof SqlIdentifier alias && alias.getSimple().equalsIgnoreCase(qualifier)
                && call.operand(0) instanceof SqlIdentifier table) {
            return lookup(table, catalog);
        }
        if (from instanceof SqlIdentifier table && last(table).equalsIgnoreCase(qualifier)) {
            return lookup(table, catalog);
        }
        return Optional.empty();
    }

    private static Optional<SqlCatalog.Table> lookup(SqlIdentifier table, SqlCatalog catalog) {
        List<String> names = table.names;
        String schema = names.size() > 1 ? names.get(names.size() - 2) : catalog.defaultSchema();
        return catalog.find(schema, last(table));
    }

    private static String last(SqlIdentifier identifier) {
        return identifier.names.get(identifier.names.size() - 1);
    }
}
