package dev.sluice.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/**
 * A dialect that writes a validated query for another warehouse: each call it knows a translation for is written as
 * that text, every other one as Calcite writes it; row limits are written as {@code LIMIT}/{@code OFFSET}.
 */
public abstract class TranslatingDialect extends SqlDialect {
    protected TranslatingDialect(Context context) {
        super(context);
    }

    /** The target's text of {@code call} when it is translated, {@code null} when it is written as it is. */
    protected abstract String translation(SqlCall call);

    @Override
    public void unparseOffsetFetch(SqlWriter writer, SqlNode offset, SqlNode fetch) {
        unparseFetchUsingLimit(writer, offset, fetch);
    }

    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        String translated = translation(call);
        if (translated != null) {
            writer.print(translated); // one token: a function call or parenthesized, safe at any precedence
            writer.setNeedWhitespace(true);
        } else {
            super.unparseCall(writer, call, leftPrec, rightPrec);
        }
    }
}
