package dev.sluice.engine.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.TestProject;
import dev.sluice.engine.run.ModelRunResult;
import dev.sluice.engine.run.RunListener;
import dev.sluice.engine.run.RunOptions;
import dev.sluice.engine.run.RunResult;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental {@code identity_events} and {@code profiles} against a full refresh, row for row, across
 * increments of generated traffic: new visitors, sign-ups, new devices, people merging (identify across two
 * people, alias of an old user id, merge calls), consent banners and unsubscribes changing, people becoming
 * test or internal traffic, retried events and junk ids. The same events go into two warehouses: one runs
 * {@code +profiles} incrementally after each increment, the other with {@code --full-refresh}. The default
 * lookback (60 minutes) makes each incremental run read the end of the previous increment again.
 */
class IncrementalProfilesTest {
    private static final String PROJECT = """
            name: people
            packages: [rudder, identity, profiles, consent]
            targets:
              duckdb: {path: target/people.duckdb, schema: analytics}
            vars:
              internal_email_patterns: ["%@sluice.dev"]
            """;
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path incrementalDirectory;
    @TempDir
    Path fullDirectory;
    TestProject incremental;
    TestProject full;

    @AfterEach
    void tearDown() {
        incremental.close();
        full.close();
    }

    @Test
    void incrementalRunsEqualAFullRefreshAcrossMergesAndConsentChanges() {
        incremental = new TestProject(incrementalDirectory).file("sluice.yml", PROJECT);
        full = new TestProject(fullDirectory).file("sluice.yml", PROJECT);
        Traffic traffic = new Traffic(new RawEvents(incremental), new RawEvents(full), new Random(7));
        Set<Object> everRemoved = new HashSet<>();
        List<Object> previousPeople = List.of();
        long mergedAway = 0;
        for (int increment = 0; increment < 6; increment++) {
            traffic.increment(increment);
            RunResult incrementalRun = incremental.run("+profiles", "+consent_status");
            assertThat(incrementalRun.failed()).as(incrementalRun.toString()).isFalse();
            RunResult fullRun = full.run(new RunOptions(List.of("+profiles", "+consent_status"), List.of(), 2, true),
                    RunListener.NONE);
            assertThat(fullRun.failed()).as(fullRun.toString()).isFalse();

            String step = "after increment " + increment;
            assertThat(rows(incremental, "select * exclude (labeled_at) from analytics.identity_events order by message_id"))
                    .as(step).containsExactlyElementsOf(rows(full, "select * exclude (labeled_at) from analytics.identity_events"
                            + " order by message_id"));
            assertThat(rows(incremental, "select id_type, id, sluice_id from analytics.id_graph order by id_type, id"))
                    .as(step).containsExactlyElementsOf(rows(full, "select id_type, id, sluice_id from analytics.id_graph"
                            + " order by id_type, id"));
            List<List<Object>> profiles = rows(incremental,
                    "select * exclude (sluice_updated_at) from analytics.profiles order by sluice_id");
            assertThat(profiles).as(step).isNotEmpty().containsExactlyElementsOf(rows(full,
                    "select * exclude (sluice_updated_at) from analytics.profiles order by sluice_id"));
            assertThat(rows(incremental, "select * from analytics.consent_status order by all")).as(step)
                    .containsExactlyElementsOf(rows(full, "select * from analytics.consent_status order by all"));

            List<Object> people = profiles.stream().map(row -> row.get(0)).toList();
            previousPeople.stream().filter(person -> !people.contains(person)).forEach(everRemoved::add);
            previousPeople = people;
            if (increment > 0) {
                // Only the people the increment touched were computed again.
                assertThat(staged(incrementalRun, "profiles")).as(step).isLessThan(people.size() / 2);
            }
            mergedAway = (Long) incremental.query("select count(distinct previous_sluice_id) from analytics.id_graph")
                    .get(0).get(0);
        }
        assertThat(mergedAway).as("people merged into others").isGreaterThan(5);
        assertThat(everRemoved).as("profiles removed by merges and test traffic").hasSizeGreaterThan(5);
        assertThat(incremental.query("select count(*) from analytics.internal_people").get(0).get(0))
                .isNotEqualTo(0L);
    }

    private static long staged(RunResult run, String model) {
        return run.models().stream().filter(result -> result.model().equals(model)).map(ModelRunResult::rows)
                .findFirst().orElseThrow();
    }

    private static List<List<Object>> rows(TestProject project, String sql) {
        return project.query(sql);
    }

    /** Generated traffic, the same events written to both warehouses. */
    private static final class Traffic {
        private final RawEvents first;
        private final RawEvents second;
        private final Random random;
        private final List<String> anonymousIds = new ArrayList<>();
        private final List<String> userIds = new ArrayList<>();
        private final List<RawEvents.Event> written = new ArrayList<>();
        private LocalDateTime time;
        private int sequence;

        Traffic(RawEvents first, RawEvents second, Random random) {
            this.first = first;
            this.second = second;
            this.random = random;
        }

        void increment(int number) {
            // Each increment after the previous one (events arrive in order; a backfill may name people otherwise).
            time = time == null ? LocalDateTime.of(2026, 11, 1, 8, 0) : time.plusHours(3);
            // A history first, then smaller increments.
            for (int visitor = 0; visitor < (number == 0 ? 300 : 40); visitor++) {
                String anonymousId = "a" + anonymousIds.size();
                anonymousIds.add(anonymousId);
                for (int page = random.nextInt(3); page >= 0; page--) {
                    page(anonymousId, page == 0 ? campaignAndConsent() : "{}");
                }
            }
            for (int signUp = 0; signUp < (number == 0 ? 60 : 12); signUp++) {
                String anonymousId = pick(anonymousIds);
                String userId = "u" + userIds.size();
                userIds.add(userId);
                event("identify", null, anonymousId, userId, "{}", null, "{\"email\": \" " + userId.toUpperCase()
                        + "@Example.com\", \"first_name\": \"F" + userId + "\", \"plan\": \"free\", \"unsubscribed\": "
                        + random.nextBoolean() + "}", null);
                event("track", "Signed Up", random.nextInt(5) == 0 ? "unknown" : null, userId, "{}",
                        "{\"plan\": \"free\"}", null, null);
                event("group", null, anonymousId, userId, "{}", null, "{\"name\": \"Co" + random.nextInt(4) + "\"}",
                        "{\"groupId\": \"co" + random.nextInt(4) + "\"}");
            }
            if (number == 0) {
                flush();
                return;
            }
            for (int device = 0; device < 6; device++) {
                String anonymousId = "a" + anonymousIds.size();
                anonymousIds.add(anonymousId);
                page(anonymousId, "{}");
                event("identify", null, anonymousId, pick(userIds), "{}", null, "{\"plan\": \"pro\"}", null);
            }
            // Two people who had events of their own become one: by an identify, an alias and a merge call.
            for (int merge = 0; merge < 2; merge++) {
                event("identify", null, pick(anonymousIds), pick(userIds), "{}", null, "{\"plan\": \"team\"}", null);
                event("alias", null, null, pick(userIds), "{}", null, null, "{\"previousId\": \"" + pick(userIds) + "\"}");
                event("merge", null, null, null, "{}", null, null, "{\"mergeProperties\": [{\"type\": \"anonymous_id\","
                        + " \"value\": \"" + pick(anonymousIds) + "\"}, {\"type\": \"user_id\", \"value\": \""
                        + pick(userIds) + "\"}]}");
            }
            // Consent changes: a banner answered again, an unsubscribe.
            for (int change = 0; change < 5; change++) {
                page(pick(anonymousIds), campaignAndConsent());
                event("identify", null, null, pick(userIds), "{}", null, "{\"unsubscribed\": " + random.nextBoolean()
                        + "}", null);
            }
            // A colleague testing, and an internal e-mail.
            event("track", "Demo Requested", null, pick(userIds), "{}", "{\"test_user\": true}", null, null);
            event("identify", null, null, pick(userIds), "{}", null, "{\"email\": \"qa" + number + "@sluice.dev\"}",
                    null);
            // Retried events: one of this increment, one of an earlier one.
            RawEvents.Event retried = written.get(written.size() - 3);
            add(retried);
            add(written.get(random.nextInt(written.size() / 2)));
            page("n/a", "{}");
            flush();
        }

        private String campaignAndConsent() {
            String campaign = random.nextBoolean() ? "\"campaign\": {\"source\": \"s" + random.nextInt(3)
                    + "\", \"medium\": \"cpc\", \"name\": \"c" + random.nextInt(5) + "\"}" : null;
            String consent = random.nextBoolean() ? "\"consentManagement\": {\"allowedConsentIds\": [\"C0001\""
                    + (random.nextBoolean() ? ", \"C0004\"" : "") + "], \"deniedConsentIds\": [\"C0002\"]}" : null;
            return "{" + (campaign == null ? "" : campaign) + (campaign != null && consent != null ? ", " : "")
                    + (consent == null ? "" : consent) + "}";
        }

        private void page(String anonymousId, String context) {
            event("page", null, anonymousId, null, context, "{\"path\": \"/p" + random.nextInt(5) + "\"}", null, null);
        }

        private void event(String type, String event, String anonymousId, String userId, String context,
                String properties, String traits, String payload) {
            time = time.plusSeconds(30 + random.nextInt(600));
            add(new RawEvents.Event("m" + (++sequence), type, event, anonymousId, userId, FORMAT.format(time), context,
                    properties, traits, payload == null ? "{}" : payload));
        }

        private void add(RawEvents.Event event) {
            written.add(event);
            first.add(event);
            second.add(event);
        }

        private String pick(List<String> ids) {
            return ids.get(random.nextInt(ids.size()));
        }

        private void flush() {
            first.flush();
            second.flush();
        }
    }
}
