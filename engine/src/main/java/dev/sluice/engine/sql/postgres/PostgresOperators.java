package dev.sluice.engine.sql.postgres;

import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlPostfixOperator;
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

    private PostgresOperators() {}
}
