package dev.sluice.sql.parser;

import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * DuckDB's lambda {@code lambda x, i: expr}, the form DuckDB 2.0 requires (it rejects the arrow form
 * {@code x -> expr}). The same lambda as Calcite's to the validator; written back in DuckDB's form.
 */
public final class DuckDbLambda extends SqlLambda {
    public DuckDbLambda(SqlParserPos position, SqlNodeList parameters, SqlNode body) {
        super(position, parameters, body);
    }

    /**
     * Whether the three tokens ahead start {@code lambda x:} or {@code lambda x, y:}, rather than an
     * expression that uses a column named {@code lambda}.
     */
    static boolean startsAt(Token first, Token second, Token third) {
        return first.kind == SqlSluiceParserImplConstants.IDENTIFIER && "lambda".equalsIgnoreCase(first.image)
                && second.kind != SqlSluiceParserImplConstants.COMMA && second.kind != SqlSluiceParserImplConstants.RPAREN
                && (third.kind == SqlSluiceParserImplConstants.COLON || third.kind == SqlSluiceParserImplConstants.COMMA);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.SIMPLE);
        writer.keyword("LAMBDA");
        SqlWriter.Frame parameters = writer.startList("", "");
        for (SqlNode parameter : getParameters()) {
            writer.sep(",");
            parameter.unparse(writer, 0, 0);
        }
        writer.endList(parameters);
        writer.setNeedWhitespace(false);
        writer.print(":");
        writer.setNeedWhitespace(true);
        getExpression().unparse(writer, 0, 0);
        writer.endList(frame);
    }
}
