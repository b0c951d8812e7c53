package dev.sluice.engine.sql.postgres;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlPostfixOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Operators the PostgreSQL translation adds to a validated tree; they are only ever written, never validated.
 *
 * <p>Immutable and thread-safe.
 */
final class PostgresOperators {
    /**
     * {@code x COLLATE "C"}: DuckDB compares and sorts text by its bytes (code points), PostgreSQL by the
     * database's collation ({@code en_US} puts {@code 'a'} before {@code 'B'}); the C collation is DuckDB's order.
     */
    static final SqlPostfixOperator COLLATE_C = new SqlPostfixOperator("COLLATE \"C\"", SqlKind.OTHER, 100,
            ReturnTypes.ARG0, null, null);

    /**
     * {@code CAST(x AS BIGINT)} around an output column's length or position: DuckDB's {@code length},
     * {@code position}, {@code strpos} and {@code instr} are BIGINTs, PostgreSQL's {@code LENGTH} and {@code POSITION}
     * INTEGERs, so the column would otherwise get another type. Only around an output column's value: inside an
     * expression PostgreSQL's functions that take a position (SUBSTR, LEFT) take an INTEGER, not a BIGINT.
     */
    static final SqlSpecialOperator AS_BIGINT = new SqlSpecialOperator("SLUICE_AS_BIGINT", SqlKind.OTHER) {
        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            SqlWriter.Frame frame = writer.startFunCall("CAST");
            call.operand(0).unparse(writer, 0, 0);
            writer.sep("AS");
            writer.keyword("BIGINT");
            writer.endFunCall(frame);
        }
    };

    private PostgresOperators() {}
}
