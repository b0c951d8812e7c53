package dev.sluice.engine.sql;

import dev.sluice.sql.parser.SluiceOperators;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * DuckDB's JSON read out of JSON ({@code json_extract(j, path)}, {@code j -> path}) where it is a value that
 * leaves the query as a document. DuckDB gives the JSON at the path (NULL for a missing key, the JSON
 * {@code null} for a JSON null); PostgreSQL's {@code #>} on jsonb and Snowflake's {@code GET_PATH} give the same
 * document, written with their own spacing and key order. So such a value is translated only where it is
 * an output column's, never where the query would use its text: Calcite types it as text, and
 * {@code cast(json_extract(...) as varchar)} or a LIKE on it would read another text in each warehouse.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonDocuments {
    private JsonDocuments() {}

    /** Whether {@code call} reads JSON out of JSON. */
    public static boolean isJsonAccess(SqlCall call) {
        return call.getOperator() == SluiceOperators.JSON_ARROW
                || call.getOperator().getName().equalsIgnoreCase("json_extract");
    }

    /**
     * The JSON accesses of {@code select} whose value is an output column's: a select item, or a THEN or ELSE
     * of a CASE that is one, when its other results are NULL or such accesses.
     */
    public static List<SqlNode> outputsOf(SqlSelect select) {
        List<SqlNode> documents = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            SqlNode value = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
            if (value instanceof SqlCall call && isJsonAccess(call)) {
                documents.add(call);
            } else if (value instanceof SqlCase sqlCase) {
                List<SqlNode> results = new ArrayList<>(sqlCase.getThenOperands().getList());
                results.add(sqlCase.getElseOperand());
                boolean documentsOnly = results.stream().allMatch(result -> result == null
                        || result instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.NULL
                        || result instanceof SqlCall call && isJsonAccess(call));
                if (documentsOnly) {
                    results.stream().filter(result -> result instanceof SqlCall).forEach(documents::add);
                }
            }
        }
        return documents;
    }
}
