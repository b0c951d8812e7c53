package dev.sluice.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables and views a query reads, from DuckDB's own parser: {@code json_serialize_sql} gives
 * the parse tree, and every {@code BASE_TABLE} reference in it counts unless it names a CTE in
 * scope. The walk visits every field, so references in joins, subqueries, set operations and
 * expressions are all found without listing where they may occur.
 *
 * <p>Scoping follows DuckDB: a CTE is visible to the query that defines it, its subqueries and the
 * CTEs after it, and to itself only when recursive; a qualified name ({@code main.x}) is never a CTE.
 * Names compare case-insensitively, as DuckDB's do. Stateless and thread-safe.
 */
final class DuckDbReferencedRelations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERIALIZE = "SELECT json_serialize_sql(?)";

    private final String defaultSchema;
    /** Keyed by the lower-case qualified name, so {@code Events} and {@code events} count once. */
    private final Map<String, RelationName> found = new LinkedHashMap<>();

    private DuckDbReferencedRelations(String defaultSchema) {
        this.defaultSchema = defaultSchema;
    }

    /**
     * @return the relations in order of first appearance; unqualified names in {@code defaultSchema}
     * @throws WarehouseException when DuckDB cannot parse the query, with DuckDB's message
     */
    static Set<RelationName> of(Connection connection, String sql, String defaultSchema) {
        JsonNode tree = parseTree(connection, sql);
        if (tree.path("error").asBoolean(false)) {
            throw new WarehouseException("DuckDB cannot parse the query: " + tree.path("error_message").asText()
                    + (tree.has("position") ? " (at character " + tree.path("position").asText() + ")" : ""), sql, null);
        }
        DuckDbReferencedRelations walk = new DuckDbReferencedRelations(defaultSchema);
        for (JsonNode statement : tree.path("statements")) {
            walk.visit(statement, Set.of());
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(walk.found.values()));
    }

    private static JsonNode parseTree(Connection connection, String sql) {
        try (PreparedStatement statement = connection.prepareStatement(SERIALIZE)) {
            statement.setString(1, sql);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return JSON.readTree(rows.getString(1));
            }
        } catch (SQLException e) {
            throw DuckDbErrors.wrap("parse the query", sql, e);
        } catch (JsonProcessingException e) {
            throw new WarehouseException("DuckDB's parse tree is not valid JSON: " + e.getOriginalMessage(), sql, e);
        }
    }

    /** @param ctes lower-case names of the CTEs in scope */
    private void visit(JsonNode node, Set<String> ctes) {
        if (node.isArray()) {
            node.forEach(element -> visit(element, ctes));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String type = node.path("type").asText();
        if (type.equals("BASE_TABLE") && node.has("table_name")) {
            reference(node.path("schema_name").asText(""), node.path("table_name").asText(), ctes);
            return;
        }
        Set<String> scope = ctes;
        if (type.equals("RECURSIVE_CTE_NODE")) {
            scope = with(scope, node.path("cte_name").asText());
        }
        JsonNode cteMap = node.path("cte_map").path("map");
        for (JsonNode cte : cteMap) {
            visit(cte.path("value"), scope); // sees the CTEs before it, not itself nor later ones
            scope = with(scope, cte.path("key").asText());
        }
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            if (!field.getKey().equals("cte_map")) {
                visit(field.getValue(), scope);
            }
        }
    }

    private void reference(String schema, String table, Set<String> ctes) {
        if (schema.isEmpty() && ctes.contains(table.toLowerCase(Locale.ROOT))) {
            return;
        }
        RelationName name = new RelationName(schema.isEmpty() ? defaultSchema : schema, table);
        found.putIfAbsent(name.toString().toLowerCase(Locale.ROOT), name);
    }

    private static Set<String> with(Set<String> scope, String cte) {
        Set<String> wider = new HashSet<>(scope);
        wider.add(cte.toLowerCase(Locale.ROOT));
        return wider;
    }
}
