package dev.sluice.engine.sql.duckdb;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;

/**
 * Snowflake's VARIANT paths ({@code v:a.b[0]}, parsed as a COLON call of the document and the path's steps) as the
 * document and a DuckDB JSON path ({@code '$.a.b[0]'}). Keys keep their case, as both match keys exactly; array
 * elements count from 0 in both.
 *
 * <p>Stateless and thread-safe.
 */
final class VariantPaths {
    private VariantPaths() {}

    /** The document a path reads, written in {@code dialect}. */
    static String document(DuckDbFromSnowflakeDialect dialect, SqlCall colon) {
        return dialect.inline(colon.operand(0));
    }

    /** The DuckDB JSON path of {@code colon}'s steps. */
    static String path(SqlCall colon) {
        StringBuilder path = new StringBuilder("$");
        SqlNode steps = colon.operand(1);
        for (SqlNode step : steps instanceof SqlNodeList list ? list.getList() : List.of(steps)) {
            if (step instanceof SqlNumericLiteral index) {
                path.append('[').append(index.getValueAs(Long.class)).append(']');
            } else {
                String key = step instanceof SqlIdentifier identifier ? identifier.getSimple() : step.toString();
                path.append(key.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + key : ".\"" + key.replace("\"", "\\\"")
                        + "\"");
            }
        }
        return path.toString();
    }
}
