package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output columns that share a name are named as DuckDB names them in a table, view or subquery built from the
 * query ({@code id, id_1}): compared with DuckDB's own names for the same query as a subquery.
 */
class DuckDbColumnNamesTest {
    private static final SqlFrontEnd FRONT_END = new CalciteFrontEnd();
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    @RegisterExtension
    static final DuckDbOracle duckDb = DuckDbOracle.perClass(CATALOG);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "select o.user_id, u.* from orders o join users u on o.user_id = u.user_id",
        "select * from orders o join users u on o.user_id = u.user_id",
        "select o.user_id, u.user_id, u.user_id from orders o join users u on o.user_id = u.user_id",
        "select 1 as id, 2 as id, 3 as id_1",
        "select 1 as id_1, 2 as id, 3 as id",
        "select 1 as id, 2 as id_1, 3 as id, 4 as id, 5 as id_2",
        "select 1 as a, 2 as A, 3 as a",
        "select o.user_id, u.user_id from orders o join users u on o.user_id = u.user_id"
                + " union all select user_id, user_id from users",
        "select * from (select o.user_id, u.user_id from orders o join users u on o.user_id = u.user_id)",
        "with x as (select o.user_id, u.* from orders o join users u on o.user_id = u.user_id) select * from x",
        "select user_id_1, email from (select o.user_id, u.* from orders o join users u on o.user_id = u.user_id)",
        "with x as (select o.user_id, u.* from orders o join users u on o.user_id = u.user_id) select x.user_id_1 from x",
        "select user_id, user_id_1 from (select o.user_id, u.* from orders o join users u on o.user_id = u.user_id) t"
                + " where user_id_1 is not null"})
    void namesDuplicatesAsDuckDbDoes(String sql) throws SQLException {
        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(sql), CATALOG);

        assertThat(validated.columns()).extracting(column -> column.name() + " " + column.type())
                .containsExactlyElementsOf(duckDb.describe("select * from (" + sql + ")").stream()
                        .map(column -> column.name() + " " + column.type()).toList());
    }

    @Test
    void renamedColumnsKeepTheirLineage() {
        ValidatedQuery validated = FRONT_END.validate(FRONT_END.parse(
                "select o.user_id, u.* from orders o join users u on o.user_id = u.user_id"), CATALOG);

        assertThat(validated.columns().get(1).name()).isEqualTo("user_id_1");
        assertThat(validated.lineage().get(1).origins()).extracting(ColumnOrigin::relation, ColumnOrigin::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ref(\"users\")", "user_id"));
    }

    @Test
    void namingFollowsDuckDbsRule() {
        assertThat(DuckDbColumnNames.deduplicated(List.of("id", "id", "id", "id_1")))
                .containsExactly("id", "id_1", "id_2", "id_1_1");
        List<String> distinct = List.of("a", "b");
        assertThat(DuckDbColumnNames.deduplicated(distinct)).isSameAs(distinct);
    }
}
