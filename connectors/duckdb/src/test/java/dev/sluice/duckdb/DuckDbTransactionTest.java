package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuckDbTransactionTest extends InMemoryDuckDb {
    private static final RelationName STAGED = new RelationName("main", "staged");

    @Test
    void rollbackUndoesCreateTableInsertAndAppend() {
        session.execute("CREATE TABLE kept (id INTEGER)");

        session.begin();
        session.execute("CREATE TABLE staged (id INTEGER)");
        session.execute("INSERT INTO kept VALUES (1)");
        session.append(STAGED, List.of(List.of(1)).iterator());
        session.rollback();

        assertThat(session.describe(STAGED)).isEmpty();
        assertThat(Rows.single(session, "SELECT count(*) FROM kept")).isEqualTo(0L);
    }

    @Test
    void commitKeepsTheWork() {
        session.begin();
        session.execute("CREATE TABLE staged (id INTEGER)");
        session.append(STAGED, List.of(List.of(1), List.of(2)).iterator());
        session.commit();
        session.rollback(); // nothing open: harmless

        try (var other = warehouse.openSession()) {
            assertThat(Rows.single(other, "SELECT sum(id) FROM staged")).isEqualTo(java.math.BigInteger.valueOf(3));
        }
    }

    @Test
    void uncommittedWorkIsInvisibleToOtherSessions() {
        session.execute("CREATE TABLE staged (id INTEGER)");
        session.begin();
        session.execute("INSERT INTO staged VALUES (1)");

        try (var other = warehouse.openSession()) {
            assertThat(Rows.single(other, "SELECT count(*) FROM staged")).isEqualTo(0L);
        }
        session.commit();
    }

    @Test
    void statementsCommitOnTheirOwnAfterATransaction() {
        session.begin();
        session.execute("CREATE TABLE staged (id INTEGER)");
        session.commit();
        session.execute("INSERT INTO staged VALUES (1)");
        session.rollback();

        assertThat(Rows.single(session, "SELECT count(*) FROM staged")).isEqualTo(1L);
    }

    @Test
    void misuseIsReported() {
        assertThatThrownBy(session::commit).isInstanceOf(WarehouseException.class).hasMessageContaining("begin()");
        session.begin();
        assertThatThrownBy(session::begin).hasMessageContaining("already open");
        session.rollback();
    }

    @Test
    void aFailedQueryInATransactionSaysWhyItsMessageIsHidden() {
        session.begin();
        assertThatThrownBy(() -> Rows.of(session, "SELECT 'abc'::INTEGER"))
                .hasMessageContaining("run it outside a transaction");
        session.rollback();
        assertThatThrownBy(() -> Rows.of(session, "SELECT 'abc'::INTEGER"))
                .hasMessageContaining("Could not convert string 'abc' to INT32");
    }

    @Test
    void mergeUpdatesMatchedAndInsertsNewRows() {
        session.execute("CREATE TABLE profiles (id INTEGER PRIMARY KEY, email VARCHAR)");
        session.execute("INSERT INTO profiles VALUES (1, 'a@old'), (2, 'b@old')");

        long changed = session.execute("MERGE INTO profiles USING (VALUES (2, 'b@new'), (3, 'c@new')) AS src(id, email)"
                + " ON profiles.id = src.id"
                + " WHEN MATCHED THEN UPDATE SET email = src.email"
                + " WHEN NOT MATCHED THEN INSERT VALUES (src.id, src.email)");

        assertThat(changed).isEqualTo(2);
        assertThat(Rows.of(session, "SELECT id, email FROM profiles ORDER BY id"))
                .containsExactly(List.of(1, "a@old"), List.of(2, "b@new"), List.of(3, "c@new"));
    }
}
