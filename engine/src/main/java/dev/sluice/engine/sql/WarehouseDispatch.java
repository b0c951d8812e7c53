package dev.sluice.engine.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An expression a package writes once per warehouse, where no translation is proven (dbt's
 * {@code adapter.dispatch}): a template's {@code dispatch({"duckdb": "...", "postgres": "...", "snowflake":
 * "..."})}. The model runs on DuckDB with the DuckDB body, which Sluice validates as any other SQL; the
 * other bodies travel with it in a comment, {@code /*sluice:dispatch {...}*}{@code /(duckdb)/*sluice:dispatch-end*}{@code /},
 * which DuckDB skips. A translation {@linkplain #prepare reads them back}: the DuckDB body, typed, stands in
 * the query as {@code sluice_dispatch((body), n)}, and the translator writes the body the package wrote for
 * its warehouse in its place, parsed by that warehouse's grammar, unchecked by the refusal rules (its meaning
 * is the package author's word), or refuses the model when there is none.
 *
 * <p>Stateless and thread-safe.
 */
public final class WarehouseDispatch {
    /** The function that stands for a dispatched expression in a query being translated. */
    public static final String FUNCTION = "sluice_dispatch";
    public static final Set<String> WAREHOUSES = Set.of("duckdb", "postgres", "snowflake");
    private static final String OPEN = "/*sluice:dispatch ";
    private static final String CLOSE = "/*sluice:dispatch-end*/";
    private static final Pattern MARKED = Pattern.compile(Pattern.quote(OPEN) + "(\\{.*?})\\*/");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The other warehouses' bodies of a query's dispatched expressions, by the number in {@code sluice_dispatch}. */
    public record Prepared(String sql, List<Map<String, String>> bodies) {
        public Prepared {
            bodies = List.copyOf(bodies);
        }
    }

    private WarehouseDispatch() {}

    /**
     * The DuckDB SQL of a dispatched expression, the other bodies in a comment before it.
     *
     * @throws IllegalArgumentException naming what is wrong: no {@code duckdb} body, an unknown warehouse, a body
     *     that is not text, is blank or has {@code *}{@code /} in it
     */
    public static String mark(Map<String, ?> bodies) {
        Map<String, String> others = new LinkedHashMap<>();
        for (Map.Entry<String, ?> body : bodies.entrySet()) {
            if (!WAREHOUSES.contains(body.getKey())) {
                throw new IllegalArgumentException("unknown warehouse \"" + body.getKey() + "\"; write bodies for "
                        + String.join(", ", WAREHOUSES.stream().sorted().toList()));
            }
            if (!(body.getValue() instanceof String text) || text.isBlank() || text.contains("*/")
                    || text.contains(OPEN)) {
                throw new IllegalArgumentException("the " + body.getKey() + " body must be SQL text, not blank,"
                        + " without */ and without another dispatch");
            }
            if (!body.getKey().equals("duckdb")) {
                others.put(body.getKey(), text);
            }
        }
        if (!(bodies.get("duckdb") instanceof String duckDb)) {
            throw new IllegalArgumentException("a \"duckdb\" body is required: it is what Sluice validates and DuckDB runs");
        }
        try {
            return OPEN + JSON.writeValueAsString(others) + "*/(" + duckDb + ")" + CLOSE;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code sql} with each dispatched expression as {@code sluice_dispatch((duckdb body), n)}; every line and
     * column after it stays where it was, so refusals point into the model's file.
     */
    public static Prepared prepare(String sql) {
        if (!sql.contains(OPEN)) {
            return new Prepared(sql, List.of());
        }
        List<Map<String, String>> bodies = new ArrayList<>();
        StringBuilder prepared = new StringBuilder();
        Matcher open = MARKED.matcher(sql);
        int at = 0;
        while (open.find(at)) {
            int close = sql.indexOf(CLOSE, open.end());
            if (close < 0) {
                break;
            }
            try {
                bodies.add(JSON.readValue(open.group(1), new TypeReference<Map<String, String>>() { }));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("a dispatched expression's bodies are not readable: " + e.getMessage(), e);
            }
            prepared.append(sql, at, open.start()).append(padded(FUNCTION + "(", open.end() - open.start()))
                    .append(sql, open.end(), close).append(padded(", " + (bodies.size() - 1) + ")", CLOSE.length()));
            at = close + CLOSE.length();
        }
        prepared.append(sql.substring(at));
        return new Prepared(prepared.toString(), bodies);
    }

    /** The body written for {@code warehouse} of dispatched expression {@code index}, or {@code null}. */
    public static String body(Prepared prepared, int index, String warehouse) {
        return index >= 0 && index < prepared.bodies().size() ? prepared.bodies().get(index).get(warehouse) : null;
    }

    /** Whether {@code call} is a dispatched expression of a prepared query. */
    public static boolean isDispatch(org.apache.calcite.sql.SqlCall call) {
        return call.getOperator().getName().equalsIgnoreCase(FUNCTION) && call.operandCount() == 2
                && call.operand(1) instanceof org.apache.calcite.sql.SqlNumericLiteral;
    }

    /**
     * Why dispatched expression {@code call} cannot be written for {@code warehouse} (parsed with
     * {@code dialect}'s grammar), or {@code null} when {@link #written} gives its body.
     */
    public static String problem(Prepared prepared, org.apache.calcite.sql.SqlCall call, String warehouse,
            ModelDialect dialect) {
        String body = written(prepared, call, warehouse);
        if (body == null) {
            return "dispatch(...) has no \"" + warehouse + "\" body; add one the package has checked computes the"
                    + " DuckDB body's value";
        }
        try {
            SluiceSqlParser.parseQuery("select " + body + " as dispatched", dialect);
            return null;
        } catch (SqlProblemException e) {
            return "the " + warehouse + " body does not parse: " + e.problem().message();
        }
    }

    /** The body written for {@code warehouse} of dispatched expression {@code call}, or {@code null}. */
    public static String written(Prepared prepared, org.apache.calcite.sql.SqlCall call, String warehouse) {
        int index = ((org.apache.calcite.sql.SqlNumericLiteral) call.operand(1)).intValue(true);
        return body(prepared, index, warehouse);
    }

    private static String padded(String text, int length) {
        return text.length() >= length ? text : text + " ".repeat(length - text.length());
    }
}
