package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalciteFrontEndParseTest {
    private final SqlFrontEnd frontEnd = new CalciteFrontEnd();

    @Test
    void listsJoinedTablesWithTheirPositions() {
        ParsedQuery query = frontEnd.parse("""
                select o.order_id, u.email
                from orders o
                  join main.users u on u.user_id = o.user_id
                  left join "rudder"."Tracks" t on t.user_id = u.user_id""");

        assertThat(query.tables()).containsExactly(
                new TableReference(List.of("orders"), 2, 6),
                new TableReference(List.of("main", "users"), 3, 8),
                new TableReference(List.of("rudder", "Tracks"), 4, 13));
    }

    @Test
    void findsTablesInSubqueriesAnywhereInTextOrder() {
        ParsedQuery query = frontEnd.parse("""
                select (select max(created_at) from orders) as last_order,
                       exists (select 1 from pages p where p.user_id = u.user_id) as has_pages
                from users u
                where u.user_id in (select user_id from identity_graph)
                  and u.country = any (select country from countries)
                union all
                select null, null from lateral_only, lateral (select * from tracks) t""");

        assertThat(query.tables()).extracting(TableReference::name).containsExactly(
                "orders", "pages", "users", "identity_graph", "countries", "lateral_only", "tracks");
        assertThat(query.tables().get(0)).isEqualTo(new TableReference(List.of("orders"), 1, 37));
    }

    @Test
    void cteNamesAreNotRelationsInsideTheirWith() {
        ParsedQuery query = frontEnd.parse("""
                with paid as (select * from orders where status = 'paid'),
                     big as (select * from paid where amount > 100)
                select * from big join users using (user_id)""");

        assertThat(query.tables()).containsExactly(
                new TableReference(List.of("orders"), 1, 29),
                new TableReference(List.of("users"), 3, 24));
    }

    @Test
    void aCteShadowsATableOnlyInsideItsWith() {
        ParsedQuery query = frontEnd.parse("""
                select * from orders
                where order_id in (with orders as (select 1 as order_id) select order_id from orders)
                  and user_id in (select user_id from ORDERS)""");

        // The first and last "orders" are the table; the one inside the nested WITH is the CTE.
        assertThat(query.tables()).containsExactly(
                new TableReference(List.of("orders"), 1, 15),
                new TableReference(List.of("ORDERS"), 3, 39));
    }

    @Test
    void aCteIsNotVisibleInTheCtesBeforeIt() {
        ParsedQuery query = frontEnd.parse(
                "with a as (select * from b), b as (select 1 as x) select * from a, b");

        assertThat(query.tables()).containsExactly(new TableReference(List.of("b"), 1, 26));
    }

    @Test
    void aRecursiveCteMayNameItself() {
        ParsedQuery query = frontEnd.parse("""
                with recursive chain as (
                  select anonymous_id, user_id from identity_graph
                  union all
                  select g.anonymous_id, c.user_id from identity_graph g join chain c on g.user_id = c.anonymous_id)
                select * from chain""");

        assertThat(query.tables()).extracting(TableReference::name).containsExactly("identity_graph", "identity_graph");
    }

    @Test
    void tableFunctionsAreNotRelationsButTheirSubqueriesAre() {
        ParsedQuery query = frontEnd.parse(
                "select * from read_csv('seeds/countries.csv') c, unnest((select tags from orders limit 1)) u(tag)");

        assertThat(query.tables()).extracting(TableReference::name).containsExactly("orders");
    }

    @Test
    void readsDoubleSlashAsIntegerDivisionInDuckDbNotAsAComment() {
        ParsedQuery query = frontEnd.parse("select amount // 2 as half\nfrom orders");

        // Read as a comment, the rest of line 1 would vanish and "from orders" would name no table.
        assertThat(query.tables()).extracting(TableReference::line).containsExactly(2);
    }

    @Test
    void readsDoubleSlashAsACommentInSnowflake() {
        SqlFrontEnd snowflake = new CalciteFrontEnd(ModelDialect.SNOWFLAKE);

        ParsedQuery query = snowflake.parse("select amount // 2 as half\nfrom orders");
        ValidatedQuery validated = snowflake.validate(query, ShopCatalog.create());

        assertThat(validated.columns()).extracting(ValidatedQuery.OutputColumn::name).containsExactly("amount");
    }

    @Test
    void doubleSlashInStringsQuotedNamesAndCommentsIsFine() {
        ParsedQuery query = frontEnd.parse("""
                select 'https://sluice.dev' as "a//b", E'it\\'s // fine' as c -- a // comment
                /* block // comment */ from pages""");

        assertThat(query.tables()).extracting(TableReference::name).containsExactly("pages");
    }

    @Test
    void parseErrorSaysWhatWasFoundAndExpectedWhere() {
        SqlProblem problem = syntaxProblem("select user_id,\n  from orders");

        assertThat(problem.message()).isEqualTo("unexpected \"from\"; expected an expression");
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.column()).isEqualTo(3);
    }

    @Test
    void parseErrorAtTheEndOfTheText() {
        SqlProblem problem = syntaxProblem("select user_id from orders where");

        assertThat(problem.message()).isEqualTo("unexpected end of input; expected an expression");
    }

    @Test
    void parseErrorListsAFewExpectedTokens() {
        SqlProblem problem = syntaxProblem("select count(*) from orders group by status having count(*) > 1 x");

        assertThat(problem.message()).startsWith("unexpected \"x\"; expected ").doesNotContain("<");
    }

    @Test
    void unterminatedStringIsReportedWhereItStarts() {
        SqlProblem problem = syntaxProblem("select *\nfrom orders where status = 'paid");

        assertThat(problem.message()).isEqualTo("unterminated string literal (no closing ')");
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.column()).isEqualTo(28);
    }

    @Test
    void acceptsATrailingSemicolonAndKeepsPositions() {
        ParsedQuery query = frontEnd.parse("select * from orders;\n");

        assertThat(query.tables()).containsExactly(new TableReference(List.of("orders"), 1, 15));
        assertThat(query.sql()).isEqualTo("select * from orders;\n");
    }

    @Test
    void rejectsStatementsThatAreNotQueries() {
        SqlProblem problem = syntaxProblem("insert into orders values (1)");

        assertThat(problem.message()).startsWith("expected a query");
    }

    @Test
    void unknownCharacterIsASyntaxProblem() {
        SqlProblem problem = syntaxProblem("select # from orders");

        assertThat(problem.message()).isEqualTo("unexpected character \"#\"");
        assertThat(problem.column()).isEqualTo(8);
    }

    private SqlProblem syntaxProblem(String sql) {
        SqlProblemException thrown = catchThrowableOfType(SqlProblemException.class, () -> frontEnd.parse(sql));
        assertThat(thrown).as("expected a syntax problem for %s", sql).isNotNull();
        assertThat(thrown.problem().kind()).isEqualTo(SqlProblem.Kind.SYNTAX);
        return thrown.problem();
    }
}
