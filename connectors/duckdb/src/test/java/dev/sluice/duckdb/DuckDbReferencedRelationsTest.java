package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DuckDbReferencedRelationsTest extends InMemoryDuckDb {
    private static RelationName main(String name) {
        return new RelationName("main", name);
    }

    private Set<RelationName> relations(String sql) {
        return session.referencedRelations(sql);
    }

    @Test
    void qualifiedAndUnqualifiedNames() {
        assertThat(relations("SELECT * FROM rudder.events e, users")).containsExactly(
                new RelationName("rudder", "events"), main("users"));
    }

    @Test
    void cteNamesAreNotRelations() {
        assertThat(relations("WITH recent AS (SELECT * FROM events WHERE received_at > now() - INTERVAL 1 DAY),"
                + " people AS (SELECT * FROM recent JOIN identities USING (user_id))"
                + " SELECT * FROM people")).containsExactly(main("events"), main("identities"));
    }

    @Test
    void aCteThatReadsATableOfItsOwnNameReadsTheTable() {
        assertThat(relations("WITH events AS (SELECT * FROM events WHERE 1 = 1) SELECT * FROM events"))
                .containsExactly(main("events"));
    }

    @Test
    void aQualifiedNameIsNeverACte() {
        assertThat(relations("WITH x AS (SELECT 1) SELECT * FROM x, main.x")).containsExactly(main("x"));
    }

    @Test
    void recursiveCtesSeeThemselves() {
        assertThat(relations("WITH RECURSIVE chain(id, parent) AS (SELECT id, parent FROM nodes WHERE parent IS NULL"
                + " UNION ALL SELECT n.id, n.parent FROM nodes n JOIN chain c ON n.parent = c.id) SELECT * FROM chain"))
                .containsExactly(main("nodes"));
    }

    @Test
    void joinsSubqueriesSetOperationsAndExpressions() {
        assertThat(relations("SELECT a.id, (SELECT max(x) FROM scalars) AS top FROM a"
                + " LEFT JOIN (SELECT * FROM b) sub ON a.id = sub.id"
                + " WHERE EXISTS (SELECT 1 FROM c WHERE c.id = a.id) AND a.id IN (SELECT id FROM d)"
                + " UNION ALL SELECT id, 1 FROM analytics.e"
                + " EXCEPT SELECT id, 2 FROM (WITH inner_cte AS (SELECT * FROM f) SELECT * FROM inner_cte)"))
                .containsExactlyInAnyOrder(main("scalars"), main("a"), main("b"), main("c"), main("d"),
                        new RelationName("analytics", "e"), main("f"));
    }

    @Test
    void sameRelationInDifferentCaseCountsOnce() {
        assertThat(relations("SELECT * FROM Events JOIN events USING (id) JOIN MAIN.EVENTS USING (id)"))
                .containsExactly(main("Events"));
    }

    @Test
    void unqualifiedNamesResolveToTheDefaultSchema() {
        try (var other = new DuckDbWarehouseFactory().open(java.util.Map.of("path", ":memory:", "schema", "staging"));
                var staging = other.openSession()) {
            assertThat(staging.referencedRelations("SELECT * FROM t")).containsExactly(new RelationName("staging", "t"));
        }
    }

    @Test
    void aSyntaxErrorCarriesDuckDbsMessage() {
        assertThatThrownBy(() -> relations("SELEC * FROM events"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("syntax error at or near \"SELEC\"")
                .extracting(e -> ((WarehouseException) e).sql()).isEqualTo("SELEC * FROM events");
    }

    @Test
    void onlyQueriesCanBeRead() {
        assertThatThrownBy(() -> relations("INSERT INTO t SELECT * FROM s"))
                .hasMessageContaining("Only SELECT statements");
    }
}
