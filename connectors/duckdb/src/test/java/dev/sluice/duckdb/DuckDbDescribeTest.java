package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.RelationKind;
import dev.sluice.spi.RelationName;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseRelation;
import org.junit.jupiter.api.Test;

class DuckDbDescribeTest extends InMemoryDuckDb {
    @Test
    void describesATableWithTypesAndNullabilityInOrder() {
        session.execute("CREATE TABLE events (message_id VARCHAR NOT NULL, amount DECIMAL(12,2),"
                + " received_at TIMESTAMP WITH TIME ZONE, tags VARCHAR[], id BIGINT PRIMARY KEY)");

        WarehouseRelation events = session.describe(new RelationName("main", "events")).orElseThrow();

        assertThat(events.name()).isEqualTo(new RelationName("main", "events"));
        assertThat(events.kind()).isEqualTo(RelationKind.TABLE);
        assertThat(events.columns()).containsExactly(
                new WarehouseColumn("message_id", "VARCHAR", false),
                new WarehouseColumn("amount", "DECIMAL(12,2)", true),
                new WarehouseColumn("received_at", "TIMESTAMP WITH TIME ZONE", true),
                new WarehouseColumn("tags", "VARCHAR[]", true),
                new WarehouseColumn("id", "BIGINT", false));
    }

    @Test
    void describesAView() {
        session.createSchema("analytics");
        session.execute("CREATE VIEW analytics.recent AS SELECT 1 AS one, 'x' AS label");

        WarehouseRelation recent = session.describe(new RelationName("analytics", "recent")).orElseThrow();

        assertThat(recent.kind()).isEqualTo(RelationKind.VIEW);
        assertThat(recent.columns()).extracting(WarehouseColumn::name).containsExactly("one", "label");
        assertThat(recent.columns()).extracting(WarehouseColumn::type).containsExactly("INTEGER", "VARCHAR");
    }

    @Test
    void matchesNamesCaseInsensitivelyAndReportsTheStoredSpelling() {
        session.execute("CREATE TABLE \"Users\" (id INTEGER)");

        assertThat(session.describe(new RelationName("MAIN", "USERS")))
                .get().extracting(WarehouseRelation::name).isEqualTo(new RelationName("main", "Users"));
    }

    @Test
    void aMissingRelationIsEmpty() {
        session.execute("CREATE TABLE present (id INTEGER)");

        assertThat(session.describe(new RelationName("main", "absent"))).isEmpty();
        assertThat(session.describe(new RelationName("nowhere", "present"))).isEmpty();
    }

    @Test
    void describesSeveralRelationsAtOnceKeyedByTheNameAskedFor() {
        session.createSchema("raw");
        session.execute("CREATE TABLE raw.\"Tracks\" (message_id VARCHAR NOT NULL, \"weird \"\"name\" INTEGER,"
                + " payload STRUCT(a INTEGER, \"b c\" VARCHAR[]))");
        session.execute("CREATE TABLE main.accounts (id INTEGER NOT NULL)");
        session.execute("CREATE VIEW main.account_ids AS SELECT id FROM main.accounts");
        RelationName tracks = new RelationName("RAW", "tracks");
        RelationName absent = new RelationName("raw", "absent");
        RelationName view = new RelationName("main", "account_ids");
        RelationName accounts = new RelationName("main", "accounts");

        var described = session.describeAll(java.util.List.of(tracks, absent, view, accounts));

        assertThat(described).containsOnlyKeys(tracks, view, accounts);
        assertThat(described.get(tracks)).isEqualTo(new WarehouseRelation(new RelationName("raw", "Tracks"), RelationKind.TABLE,
                java.util.List.of(new WarehouseColumn("message_id", "VARCHAR", false),
                        new WarehouseColumn("weird \"name", "INTEGER", true),
                        new WarehouseColumn("payload", "STRUCT(a INTEGER, \"b c\" VARCHAR[])", true))));
        // A view's column is nullable, as duckdb_columns() has it, though its base column is NOT NULL.
        assertThat(described.get(view).kind()).isEqualTo(RelationKind.VIEW);
        assertThat(described.get(view).columns()).containsExactly(new WarehouseColumn("id", "INTEGER", true));
        assertThat(described.get(accounts).columns()).containsExactly(new WarehouseColumn("id", "INTEGER", false));
        // Each the same as describing it alone.
        described.forEach((asked, relation) -> assertThat(session.describe(asked)).contains(relation));
        assertThat(session.describeAll(java.util.List.of())).isEmpty();
    }

    @Test
    void aTableChangedSinceItWasDescribedIsDescribedAgain() {
        session.execute("CREATE TABLE changing (id INTEGER)");
        RelationName changing = new RelationName("main", "changing");
        assertThat(session.describe(changing).orElseThrow().columns()).containsExactly(new WarehouseColumn("id", "INTEGER", true));

        session.execute("ALTER TABLE changing ADD COLUMN label VARCHAR");
        assertThat(session.describe(changing).orElseThrow().columns()).extracting(WarehouseColumn::name).containsExactly("id", "label");
        session.execute("ALTER TABLE changing ALTER COLUMN id SET NOT NULL");
        assertThat(session.describe(changing).orElseThrow().columns()).first().isEqualTo(new WarehouseColumn("id", "INTEGER", false));
        session.execute("CREATE OR REPLACE TABLE changing (id BIGINT)");
        assertThat(session.describe(changing).orElseThrow().columns()).containsExactly(new WarehouseColumn("id", "BIGINT", true));
    }

    @Test
    void aColumnOfAUserDefinedTypeIsReadAfreshEachTime() {
        session.execute("CREATE TYPE mood AS ENUM ('happy', 'sad')");
        session.execute("CREATE TABLE feelings (m mood)");
        RelationName feelings = new RelationName("main", "feelings");
        assertThat(session.describe(feelings).orElseThrow().columns()).containsExactly(
                new WarehouseColumn("m", "ENUM('happy', 'sad')", true));

        session.execute("DROP TABLE feelings");
        session.execute("DROP TYPE mood");
        session.execute("CREATE TYPE mood AS ENUM ('calm')");
        session.execute("CREATE TABLE feelings (m mood)");
        assertThat(session.describe(feelings).orElseThrow().columns()).containsExactly(new WarehouseColumn("m", "ENUM('calm')", true));
    }

    @Test
    void createSchemaIsIdempotent() {
        session.createSchema("sluice");
        session.createSchema("sluice");
        session.createSchema("odd \"name\"");
        session.createSchema("it's?");
        session.createSchema("it's?");

        assertThat(Rows.of(session, "SELECT schema_name FROM information_schema.schemata"
                + " WHERE schema_name IN ('sluice', 'odd \"name\"', 'it''s?') ORDER BY 1"))
                .extracting(row -> row.get(0)).containsExactly("it's?", "odd \"name\"", "sluice");
    }

    @Test
    void createSchemaAgainAfterTheSessionDroppedIt() {
        session.createSchema("scratch");
        session.execute("DROP SCHEMA scratch CASCADE");
        session.createSchema("scratch");
        session.execute("CREATE TABLE scratch.t (x INTEGER)");

        assertThat(session.describe(new RelationName("scratch", "t"))).isPresent();
    }

    @Test
    void createSchemaInsideARolledBackTransactionIsNotRemembered() {
        session.begin();
        session.createSchema("undone");
        session.rollback();
        session.createSchema("undone");
        session.execute("CREATE TABLE undone.t (x INTEGER)");

        assertThat(session.describe(new RelationName("undone", "t"))).isPresent();
    }
}
