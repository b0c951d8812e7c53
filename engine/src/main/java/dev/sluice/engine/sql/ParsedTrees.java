package dev.sluice.engine.sql;

import java.util.function.Predicate;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/** Searches of a parse tree. Stateless and thread-safe. */
final class ParsedTrees {
    private ParsedTrees() {}

    /** Whether {@code tree} or any node under it matches {@code test}. */
    static boolean contains(SqlNode tree, Predicate<SqlNode> test) {
        if (tree == null) {
            return false;
        }
        if (test.test(tree)) {
            return true;
        }
        if (tree instanceof SqlNodeList list) {
            return list.stream().anyMatch(node -> contains(node, test));
        }
        return tree instanceof SqlCall call && call.getOperandList().stream().anyMatch(node -> contains(node, test));
    }
}
