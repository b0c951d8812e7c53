package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import dev.sluice.postgres.PostgresTestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The latest value" of a person or user when events share a timestamp: profiles take each value from the latest
 * event by {@code timestamp}, then {@code received_at}, then {@code message_id}; the rudder package's users table
 * by {@code received_at}, then {@code timestamp}, then {@code message_id}. The same events loaded in opposite orders,
 * on one thread and on several, on DuckDB and on PostgreSQL, built incrementally or from scratch, give the same rows.
 */
class LatestValueTiesTest {
    private static final String TIME = "2026-11-10 12:00:00";
    private static final String LATER = "2026-11-10 12:00:05";

    @TempDir
    Path directory;
    private final List<TestProject> projects = new ArrayList<>();

    @AfterEach
    void tearDown() {
        projects.forEach(TestProject::close);
    }

    /**
     * u1's identifies: four at one time. Two received at that time (message ids t1 and t2: t2 is the later), and
     * one received five seconds later with the smallest message id (t0): the latest by time then receipt. A second
     * user id, u2, on the same device at the same time (message id t3 received first) becomes the same person.
     */
    private static final List<String[]> EVENTS = List.of(
            event("t1", "a1", "u1", TIME, TIME, "{\"plan\": \"free\", \"first_name\": \"Ada\", \"city\": \"Oslo\"}"),
            event("t2", "a1", "u1", TIME, TIME, "{\"plan\": \"pro\", \"first_name\": \"Ida\", \"city\": null}"),
            event("t0", "a1", "u1", TIME, LATER, "{\"first_name\": \"Eva\"}"),
            event("t3", "a1", "u2", TIME, TIME, "{\"city\": \"Rome\"}"));

    @Test
    void profilesAndUsersPickTheSameLatestValuesWhateverTheLoadOrderOnDuckDb() {
        for (String threads : List.of("1", "4")) {
            List<List<Object>> forward = build(duckDb("forward" + threads, threads), EVENTS);
            List<List<Object>> backward = build(duckDb("backward" + threads, threads), reversed(EVENTS));
            assertThat(forward).as("threads %s", threads).isEqualTo(expected()).isEqualTo(backward);
        }
    }

    @Test
    void profilesAndUsersPickTheSameLatestValuesWhateverTheLoadOrderOnPostgres() {
        assertThat(build(postgres(), EVENTS)).isEqualTo(expected());
        assertThat(build(postgres(), reversed(EVENTS))).isEqualTo(expected());
    }

    /**
     * The tied events in two loads, the one received last in the second (an incremental run reads events loaded
     * late only once a newer one arrives): the incremental run after the second equals a full refresh, whichever
     * of the tied events came first.
     */
    @Test
    void anIncrementalRunAfterTiedEventsEqualsAFullRefresh() {
        List<String[]> tied = List.of(EVENTS.get(0), EVENTS.get(1), EVENTS.get(3));
        for (List<String[]> order : List.of(tied, reversed(tied))) {
            TestProject incremental = duckDb("incremental" + projects.size(), "1");
            TestProject full = duckDb("full" + projects.size(), "1");
            for (List<String[]> batch : List.of(order.subList(0, 2), List.of(order.get(2), EVENTS.get(2)))) {
                insert(incremental, batch);
                insert(full, batch);
                RunResult run = incremental.run("+profiles");
                assertThat(run.failed()).as(run.toString()).isFalse();
                run = full.run(new RunOptions(List.of("+profiles"), List.of(), 2, true), RunListener.NONE);
                assertThat(run.failed()).as(run.toString()).isFalse();
            }
            assertThat(profiles(incremental)).isEqualTo(expected().subList(0, 1)).isEqualTo(profiles(full));
        }
    }

    private static List<List<Object>> expected() {
        return List.of(
                // u1 and u2 are one person: u1 from t0 (received last); first_name from t0, plan from t2 (t0 has
                // none), city from t3 (t2's is null, and t3's message id is greater than t1's).
                Arrays.asList("u1", "pro", "Eva", "Rome"),
                // users: u1's first_name from t0 (received last), plan from t2, city from t1 (t2's is null).
                Arrays.asList("u1", "pro", "Eva", "Oslo"),
                Arrays.asList("u2", null, null, "Rome"));
    }

    private List<List<Object>> build(TestProject project, List<String[]> events) {
        insert(project, events);
        RunResult run = project.run("+profiles", "users");
        assertThat(run.failed()).as(run.toString()).isFalse();
        List<List<Object>> rows = new ArrayList<>(profiles(project));
        rows.addAll(project.query("select id, plan, first_name, city from analytics.users order by id"));
        return rows;
    }

    private static List<List<Object>> profiles(TestProject project) {
        return project.query("select user_id, plan, first_name, city from analytics.profiles order by user_id");
    }

    private TestProject duckDb(String name, String threads) {
        TestProject project = new TestProject(directory.resolve(name)).file("sluice.yml", """
                name: ties
                packages: [rudder, identity, profiles]
                targets:
                  duckdb: {path: target/ties.duckdb, schema: analytics, threads: %s}
                """.formatted(threads));
        projects.add(project);
        new RawEvents(project);
        return project;
    }

    private TestProject postgres() {
        TestProject project = new TestProject(directory.resolve("pg" + projects.size())).file("sluice.yml", """
                name: ties
                packages: [rudder, identity, profiles]
                target: pg
                targets:
                  pg: {type: postgres, url: "%s", schema: analytics}
                """.formatted(PostgresTestServer.newDatabase().get("url")));
        projects.add(project);
        // Text columns, as the collector creates the table on PostgreSQL.
        project.execute("create schema if not exists rudder");
        project.execute("create table rudder.events (message_id text not null, type text not null, event text,"
                + " anonymous_id text, user_id text, sent_at timestamptz, \"timestamp\" timestamptz, original_timestamp"
                + " timestamptz, received_at timestamptz not null, context jsonb, properties jsonb, traits jsonb,"
                + " integrations jsonb, payload jsonb not null, loaded_at timestamptz)");
        return project;
    }

    private static String[] event(String messageId, String anonymousId, String userId, String timestamp,
            String receivedAt, String traits) {
        return new String[] {messageId, anonymousId, userId, timestamp, receivedAt, traits};
    }

    private static List<String[]> reversed(List<String[]> events) {
        List<String[]> copy = new ArrayList<>(events);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** One insert per event, in the given order (the order a single-threaded scan reads them in). */
    private static void insert(TestProject project, List<String[]> events) {
        for (String[] event : events) {
            project.execute("insert into rudder.events (message_id, type, anonymous_id, user_id, \"timestamp\","
                    + " received_at, context, traits, payload) values ('" + event[0] + "', 'identify', '" + event[1]
                    + "', '" + event[2] + "', '" + event[3] + "', '" + event[4] + "', '{}', '" + event[5] + "', '{}')");
        }
    }
}
