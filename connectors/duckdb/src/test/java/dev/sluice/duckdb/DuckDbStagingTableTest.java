package dev.sluice.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.RelationName;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseColumn;
import dev.sluice.spi.WarehouseSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An incremental run's staging table on DuckDB: a temporary table of the session, kept out of the database file. */
class DuckDbStagingTableTest {
    private final DuckDbWarehouseFactory factory = new DuckDbWarehouseFactory();
    private final DuckDbDialect dialect = DuckDbDialect.INSTANCE;

    @TempDir
    Path project;

    @Test
    void theStagingTableIsTheSessionsTemporaryTableReadBesideTheModelsTable() {
        Map<String, String> settings = Map.of("path", "dev.duckdb", "projectDirectory", project.toString());
        RelationName table = new RelationName("analytics", "orders");
        RelationName staged = dialect.stagingTable(table, "__sluice_incr");
        try (Warehouse warehouse = factory.open(settings); WarehouseSession session = warehouse.openSession();
                WarehouseSession other = warehouse.openSession()) {
            session.createSchema("analytics");
            session.execute("create table analytics.orders (id integer not null, amount decimal(12,2))");
            long walBefore = walBytes();

            dialect.replaceStagingTable(staged, "select 7 as id, 12.5::decimal(12,2) as amount from range(100000)")
                    .forEach(session::execute);

            // Described in one call with the table, as the incremental materialization asks.
            var described = session.describeAll(List.of(staged, table));
            assertThat(described).containsOnlyKeys(staged, table);
            assertThat(described.get(staged).columns()).extracting(WarehouseColumn::name).containsExactly("id", "amount");
            // Its rows went to no write-ahead log: 100,000 rows in a table of the database would have.
            assertThat(walBytes()).isEqualTo(walBefore);
            // Another session does not see it.
            assertThat(other.describe(staged)).isEmpty();

            session.execute("insert into analytics.orders select id, amount from " + dialect.relation(staged));
            session.execute(dialect.dropTableIfExists(staged));
            assertThat(session.describe(staged)).isEmpty();
            assertThat(Rows.single(session, "select count(*) from analytics.orders")).isEqualTo(100000L);
        }
    }

    @Test
    void aStagingTableIsReplacedInPlace() {
        try (Warehouse warehouse = factory.open(Map.of("path", ":memory:")); WarehouseSession session = warehouse.openSession()) {
            RelationName staged = dialect.stagingTable(new RelationName("main", "t"), "__sluice_incr");
            dialect.replaceStagingTable(staged, "select 1 as a").forEach(session::execute);
            dialect.replaceStagingTable(staged, "select 'x' as b, 2 as c").forEach(session::execute);

            assertThat(session.describe(staged).orElseThrow().columns()).extracting(WarehouseColumn::name)
                    .containsExactly("b", "c");
        }
    }

    private long walBytes() {
        try {
            Path wal = project.resolve("dev.duckdb.wal");
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
