package dev.sluice.engine.sql.postgres;

import dev.sluice.sql.parser.SluiceOperators;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * DuckDB's JSON access ({@code j ->> 'a'}, {@code j -> 'a' ->> 'b'}, {@code json_extract_string(j, '$.a.b[0]')})
 * as one document and a literal path of keys and array indexes, which PostgreSQL reads with
 * {@code CAST(j AS jsonb) #>> '{a,b,0}'}: both count array elements from 0, both give NULL for a
 * missing key or a JSON null, and both give a string's text without its quotes.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonPaths {
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** {@code .name}, {@code ."any key"} (no quote, backslash, comma or brace inside) or {@code [0]}. */
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\.\"([^\"\\\\,{}]*)\"|\\[([0-9]+)]");

    /** A document and the path into it; each step a key or a non-negative index, as text. */
    record Access(SqlNode document, List<String> path) {}

    private JsonPaths() {}

    /** Whether {@code call} reads text out of JSON ({@code ->>} or {@code json_extract_string}). */
    static boolean isTextAccess(SqlCall call) {
        return call.getOperator() == SluiceOperators.JSON_TEXT_ARROW
                || call.getOperator().getName().equalsIgnoreCase("json_extract_string");
    }

    /** Whether {@code call} reads JSON out of JSON ({@code ->} or {@code json_extract}). */
    static boolean isJsonAccess(SqlCall call) {
        return call.getOperator() == SluiceOperators.JSON_ARROW
                || call.getOperator().getName().equalsIgnoreCase("json_extract");
    }

    /** {@code call}, a text or JSON access, as document and path; {@code null} when a path is not a literal of keys and indexes. */
    static Access access(SqlCall call) {
        List<String> path = steps(call.operand(1));
        if (path == null) {
            return null;
        }
        SqlNode document = call.operand(0);
        if (document instanceof SqlCall inner && isJsonAccess(inner)) {
            Access outer = access(inner);
            if (outer == null) {
                return null;
            }
            List<String> joined = new ArrayList<>(outer.path());
            joined.addAll(path);
            return new Access(outer.document(), joined);
        }
        return new Access(document, path);
    }

    /** The path as PostgreSQL's text array literal's content, each step quoted: {@code {"a","b","0"}}. */
    static String arrayText(List<String> path) {
        return "{" + String.join(",", path.stream().map(step -> "\"" + step + "\"").toList()) + "}";
    }

    private static List<String> steps(SqlNode path) {
        if (path instanceof SqlNumericLiteral number && number.isInteger()
                && number.getValueAs(Long.class) >= 0) {
            return List.of(number.toValue());
        }
        if (!(path instanceof SqlLiteral literal) || literal.getTypeName() != SqlTypeName.CHAR) {
            return null;
        }
        String text = literal.getValueAs(String.class);
        if (!text.startsWith("$")) {
            // DuckDB reads a path without $ as one key, dots included
            return KEY.matcher(text).matches() ? List.of(text) : null;
        }
        List<String> steps = new ArrayList<>();
        Matcher step = STEP.matcher(text);
        int at = 1;
        while (at < text.length()) {
            if (!step.find(at) || step.start() != at) {
                return null;
            }
            steps.add(step.group(1) != null ? step.group(1) : step.group(2) != null ? step.group(2) : step.group(3));
            at = step.end();
        }
        return steps.isEmpty() ? null : steps;
    }

    /** {@link dev.sluice.engine.sql.JsonDocuments#outputsOf}, whose documents PostgreSQL reads with {@code #>} as jsonb. */
    static List<SqlNode> documentsOf(org.apache.calcite.sql.SqlSelect select) {
        return dev.sluice.engine.sql.JsonDocuments.outputsOf(select);
    }

    static String describe(SqlCall call) {
        return call.getOperator().getName().toLowerCase(Locale.ROOT) + "(..., " + call.operand(1) + ")";
    }
}
