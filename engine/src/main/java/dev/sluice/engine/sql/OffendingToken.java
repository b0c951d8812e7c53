package dev.sluice.engine.sql;

import java.lang.reflect.Field;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * The token a JavaCC parse error is really about. Calcite reports the position of the first token of
 * the sequence the parser tried ({@code ,} in {@code select a, from t}), but the token that broke it
 * is the last one of that sequence ({@code from}), exactly the tokens JavaCC lists after
 * "Encountered". JavaCC's generated {@code ParseException} and {@code Token} classes differ per
 * parser but always have the same public fields, so they are read reflectively.
 *
 * @param endOfInput whether the parser ran out of text
 */
record OffendingToken(int line, int column, boolean endOfInput) {
    /** JavaCC's token kind for the end of input. */
    private static final int EOF_KIND = 0;

    /** @return the token, or {@code null} when the cause is not a JavaCC ParseException */
    static OffendingToken of(SqlParseException exception) {
        try {
            Object token = field(exception.getCause(), "currentToken");
            int length = 1;
            for (int[] sequence : exception.getExpectedTokenSequences()) {
                length = Math.max(length, sequence.length);
            }
            token = field(token, "next");
            for (int index = 1; index < length && (int) field(token, "kind") != EOF_KIND; index++) {
                Object next = field(token, "next");
                if (next == null) {
                    break;
                }
                token = next;
            }
            return new OffendingToken((int) field(token, "beginLine"), (int) field(token, "beginColumn"),
                    (int) field(token, "kind") == EOF_KIND);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not a JavaCC exception: Calcite's own position will do
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getField(name);
        return field.get(target);
    }
}
