package dev.sluice.engine.sql;

import static java.util.Objects.requireNonNull;

/**
 * A construct a dialect translation will not translate, because Sluice cannot prove the target runs
 * it with the same meaning. Immutable.
 *
 * @param line 1-based line in the translated SQL, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param construct what was written, for example {@code regexp_matches(...)} or {@code string_agg ... OVER}
 * @param reason why it is refused, and what to write instead when there is something
 */
public record TranslationRefusal(int line, int column, String construct, String reason) {
    public TranslationRefusal {
        requireNonNull(construct, "construct is null");
        requireNonNull(reason, "reason is null");
    }

    /**
     * What {@code call} is called in a refusal: its operator's name, with {@code (...)} for a function; a table
     * function by its function ({@code GENERATE_SERIES(...)}), not by Calcite's {@code TABLE} around it.
     */
    public static String constructOf(org.apache.calcite.sql.SqlCall call, boolean function) {
        if (call.getKind() == org.apache.calcite.sql.SqlKind.COLLECTION_TABLE && call.operandCount() > 0
                && call.operand(0) instanceof org.apache.calcite.sql.SqlCall called) {
            return called.getOperator().getName() + "(...)";
        }
        return call.getOperator().getName() + (function ? "(...)" : "");
    }

    @Override
    public String toString() {
        return line + ":" + column + ": " + construct + ": " + reason;
    }
}
