package dev.sluice.engine.sql;

import dev.sluice.sql.parser.DistinctOn;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The {@code row_number() OVER (PARTITION BY keys ORDER BY ...) = 1} QUALIFY conditions a query's
 * {@code DISTINCT ON (keys)} was read as ({@link DistinctOn}), told apart from conditions written in the query by
 * their position, which validation keeps.
 *
 * <p>Immutable and thread-safe.
 */
public final class DistinctOnWindows {
    private final Set<SqlParserPos> positions;

    private DistinctOnWindows(Set<SqlParserPos> positions) {
        this.positions = positions;
    }

    /** @param parsed a query as the parser made it, before validation */
    public static DistinctOnWindows of(SqlNode parsed) {
        return new DistinctOnWindows(Set.copyOf(DistinctOn.positions(parsed)));
    }

    /** Whether {@code over} is the {@code row_number() OVER (...)} of a DISTINCT ON. */
    public boolean isRowNumber(SqlCall over) {
        return over.getKind() == SqlKind.OVER && over.operand(0) instanceof SqlCall function
                && function.getKind() == SqlKind.ROW_NUMBER && over.operand(1) instanceof SqlWindow window
                && positions.contains(window.getParserPosition());
    }

    /** The window of {@code select}'s DISTINCT ON, or {@code null} when it has none. */
    public SqlWindow window(SqlSelect select) {
        SqlNode qualify = select.getQualify();
        SqlNode first = qualify != null && qualify.getKind() == SqlKind.AND ? ((SqlCall) qualify).operand(0) : qualify;
        if (first != null && first.getKind() == SqlKind.EQUALS && ((SqlCall) first).operand(0) instanceof SqlCall over
                && isRowNumber(over)) {
            return (SqlWindow) over.operand(1);
        }
        return null;
    }

    /** Whether {@code select} has a DISTINCT ON and a QUALIFY of its own (which DISTINCT ON applies after). */
    public boolean withQualify(SqlSelect select) {
        return window(select) != null && select.getQualify().getKind() == SqlKind.AND;
    }
}
