package dev.sluice.engine.sync;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.sync.delivery.Backoff;
import dev.sluice.spi.RelationName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A project on a real DuckDB file with a {@code main.customers} table and one sync to a
 * {@link RecordingDestination} of its own. Runs go through {@link SyncRunner} with a {@link FakeClock}.
 */
final class SyncFixture implements AutoCloseable {
    static final RelationName CUSTOMERS = new RelationName("main", "customers");
    final TestProject project;
    final String destinationName = "d" + UUID.randomUUID();
    final FakeClock clock = new FakeClock();
    Map<String, String> environment = Map.of("TOKEN", "secret");

    SyncFixture(Path directory) {
        project = new TestProject(directory);
        project.execute("create table customers (user_id varchar, email varchar, plan varchar)");
    }

    RecordingDestination destination() {
        return RecordingDestination.named(destinationName);
    }

    /** Writes {@code syncs/NAME.yml} with the given extra lines after the model and destination. */
    SyncFixture sync(String name, String lines) {
        project.file("syncs/" + name + ".yml", "model: customers\ndestination:\n  type: recording\n  name: "
                + destinationName + "\n  token: ${env.TOKEN}\n" + lines);
        return this;
    }

    /** Writes {@code syncs/crm.yml}: the {@code webhook} destination posting to {@code url}, then the given lines. */
    SyncFixture webhookSync(String url, String lines) {
        project.file("syncs/crm.yml", "model: customers\ndestination:\n  type: webhook\n  url: " + url + "\n" + lines);
        return this;
    }

    SyncFixture sync(String lines) {
        return sync("crm", lines);
    }

    void customers(int from, int to) {
        project.execute("insert into customers select 'u' || i, 'u' || i || '@example.com', 'free' from range("
                + from + ", " + to + ") t(i)");
    }

    SyncRunResult run() {
        return run(SyncOptions.of(false, false), SyncListener.NONE);
    }

    SyncRunResult run(SyncOptions options, SyncListener listener) {
        SyncDefinition sync = Syncs.find(project.workspace().project(), "crm");
        try {
            return new SyncRunner(project.workspace().warehouse(), project.directory()).run(sync, CUSTOMERS,
                    options.withEnvironment(new EnvironmentInterpolator(environment::get))
                            .withDelivery(clock, clock, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10),
                                    () -> 0.5)), listener);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    List<List<Object>> query(String sql) {
        return project.query(sql);
    }

    @Override
    public void close() {
        project.close();
    }
}
