package dev.sluice.engine.sql;

import dev.sluice.sql.parser.DuckDbSlices;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;

/**
 * DuckDB constructs the Snowflake translation refuses by name, each with the reason a reader needs:
 * Snowflake spells them differently or computes something else, and Sluice does not rewrite them.
 * Without this list some would be written out as if they meant the same in Snowflake. (UNION BY NAME, a
 * UNION to the validator, is checked and written by {@link SnowflakeUnionByName}.)
 *
 * <p>Stateless and thread-safe.
 */
final class DuckDbConstructs {
    /** What is refused and why. */
    record Refusal(String construct, String reason) {}

    private DuckDbConstructs() {}

    /** The refusal for {@code call}, or {@code null} when it is none of these constructs. */
    static Refusal refusal(SqlCall call) {
        if (DuckDbSlices.isSlice(call)) {
            return new Refusal("x[a:b]", "Snowflake has no slice syntax, and its ARRAY_SLICE counts from 0 and"
                    + " excludes the end (DuckDB's slice counts from 1 and includes it); SUBSTR of a string is the same in"
                    + " both: write substr(x, a, b - a + 1)");
        }
        SqlKind pivot = call instanceof SqlSelect select ? pivotKind(select.getFrom()) : pivotKind(call);
        if (pivot != null) {
            // Refused at the SELECT * around it too: its expanded columns carry names only the validator knows.
            return new Refusal(pivot.sql, "DuckDB's " + pivot.sql + " statement is not translated; Snowflake's "
                    + pivot.sql + " clause names its columns differently (with the quotes of the values); write the"
                    + " CASE expressions (or UNION ALL) it stands for");
        }
        if (ListLambdaFunctions.ALL.contains(call.getOperator()) || call.getKind() == SqlKind.LAMBDA) {
            return new Refusal(call.getKind() == SqlKind.LAMBDA ? "lambda"
                    : call.getOperator().getName().toLowerCase(Locale.ROOT) + "(...)", "list functions with"
                    + " lambdas are not translated: Snowflake's TRANSFORM, FILTER and REDUCE work on ARRAYs of VARIANT,"
                    + " and their results' types differ");
        }
        return null;
    }

    private static SqlKind pivotKind(SqlNode node) {
        SqlNode relation = node instanceof SqlCall as && as.getKind() == SqlKind.AS ? as.operand(0) : node;
        return relation != null && (relation.getKind() == SqlKind.PIVOT || relation.getKind() == SqlKind.UNPIVOT)
                ? relation.getKind() : null;
    }
}
