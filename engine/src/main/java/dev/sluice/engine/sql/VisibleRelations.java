package dev.sluice.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.DelegatingScope;
import org.apache.calcite.sql.validate.ListScope;
import org.apache.calcite.sql.validate.SqlMoniker;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * The relations a query can see at a position, read from a validator after it rejected the query:
 * used to say which table a column was looked up in, and which columns were there instead. Looks in
 * the innermost SELECT around the position, then the SELECTs enclosing it (correlated references).
 *
 * <p>Best effort by design: anything the validator did not get to is left out rather than failing
 * the error report. Not thread-safe (reads one validator); call it on the validating thread.
 */
final class VisibleRelations {
    /**
     * @param alias the name the query gives the relation ({@code i} in {@code identifies i})
     * @param description how to name it to a person: the catalog's description, else the alias in quotes
     * @param fromCatalog whether it is a catalog table (not a CTE or subquery)
     */
    record Relation(String alias, String description, boolean fromCatalog, List<String> columns) {}

    private VisibleRelations() {}

    /**
     * One list per SELECT level, innermost first; empty when the position is not inside a SELECT the
     * validator registered.
     */
    static List<List<Relation>> at(SqlValidator validator, SqlNode tree, int line, int column) {
        SqlSelect select = innermostSelect(tree, line, column, null);
        List<List<Relation>> levels = new ArrayList<>();
        if (select == null) {
            return levels;
        }
        SqlValidatorScope scope;
        try {
            scope = validator.getSelectScope(select);
        } catch (RuntimeException | AssertionError e) {
            return levels; // never registered: the failure came before scopes were built
        }
        while (scope instanceof ListScope listScope) {
            List<SqlMoniker> aliases = new ArrayList<>();
            listScope.findAliases(aliases);
            List<SqlValidatorNamespace> namespaces = listScope.getChildren();
            List<Relation> relations = new ArrayList<>();
            for (int index = 0; index < namespaces.size() && index < aliases.size(); index++) {
                String alias = aliases.get(index).getFullyQualifiedNames().get(0);
                relations.add(describe(alias, namespaces.get(index)));
            }
            levels.add(relations);
            scope = listScope.getParent();
            while (scope instanceof DelegatingScope delegating && !(scope instanceof ListScope)) {
                scope = delegating.getParent();
            }
        }
        return levels;
    }

    private static Relation describe(String alias, SqlValidatorNamespace namespace) {
        List<String> columns;
        try {
            columns = namespace.getRowType().getFieldNames();
        } catch (RuntimeException | AssertionError e) {
            columns = List.of(); // a namespace the validator never reached
        }
        SqlValidatorTable table = namespace.getTable();
        CatalogTable catalogTable = table == null ? null : catalogTable(table);
        return catalogTable == null
                ? new Relation(alias, '"' + alias + '"', false, columns)
                : new Relation(alias, catalogTable.table().description(), true, columns);
    }

    private static CatalogTable catalogTable(SqlValidatorTable table) {
        CatalogTable direct = table.unwrap(CatalogTable.class);
        if (direct != null) {
            return direct;
        }
        Prepare.PreparingTable preparing = table.unwrap(Prepare.PreparingTable.class);
        return preparing == null ? null : preparing.unwrap(CatalogTable.class);
    }

    /** Only SELECTs' own positions are trusted: a WITH's or a list's position may not cover its children. */
    private static SqlSelect innermostSelect(SqlNode node, int line, int column, SqlSelect best) {
        if (node == null) {
            return best;
        }
        SqlSelect current = best;
        if (node instanceof SqlSelect select) {
            if (!contains(select.getParserPosition(), line, column)) {
                return best;
            }
            current = select;
        }
        List<SqlNode> children = node instanceof SqlCall call ? call.getOperandList()
                : node instanceof SqlNodeList list ? list.getList() : List.of();
        for (SqlNode child : children) {
            SqlSelect inner = innermostSelect(child, line, column, current);
            if (inner != current) {
                return inner;
            }
        }
        return current;
    }

    private static boolean contains(SqlParserPos position, int line, int column) {
        if (position == null || position.getLineNum() <= 0) {
            return true; // generated node: look inside
        }
        boolean afterStart = line > position.getLineNum()
                || line == position.getLineNum() && column >= position.getColumnNum();
        boolean beforeEnd = line < position.getEndLineNum()
                || line == position.getEndLineNum() && column <= position.getEndColumnNum();
        return afterStart && beforeEnd;
    }
}
