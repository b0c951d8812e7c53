package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Column lineage of single queries against {@link ShopCatalog}: every origin exact. An origin prints as
 * {@code relation.column}, with {@code *} when the column is computed from it rather than copied.
 */
class LineageTracerTest {
    private static final String TRACKS = "source(\"rudder\", \"tracks\").";
    private static final String PAGES = "source(\"rudder\", \"pages\").";
    private static final String IDENTIFIES = "source(\"rudder\", \"identifies\").";
    private static final String ORDERS = "ref(\"orders\").";
    private static final String USERS = "ref(\"users\").";
    private final SqlFrontEnd frontEnd = new CalciteFrontEnd();
    private final SqlCatalog catalog = ShopCatalog.create();

    @Test
    void throughCtesJoinsAggregatesWindowsCaseAndSubqueries() {
        Map<String, Object> lineage = lineage("""
                with latest_email as (
                    select user_id, email from rudder.identifies
                    qualify row_number() over (partition by user_id order by received_at desc) = 1
                ), activity as (
                    select user_id, min(received_at) as first_seen_at, count(*) as tracks
                    from rudder.tracks group by user_id
                )
                select a.user_id as id,
                       l.email,
                       a.first_seen_at,
                       a.tracks,
                       l.email like '%@sluice.dev' as is_internal,
                       case when a.tracks > 1 then 'returning' else 'new' end as segment,
                       case when a.tracks > 1 then l.email else a.user_id end as contact,
                       rank() over (partition by l.email order by a.first_seen_at) as email_rank,
                       (select max(o.amount) from orders o where o.user_id = a.user_id) as biggest_order,
                       42 as answer
                from activity a
                left join latest_email l on l.user_id = a.user_id
                where a.tracks > 0
                """);

        assertThat(lineage).containsExactly(
                Map.entry("id", List.of(TRACKS + "user_id")),
                // the optional side of a left join: NULL where no row matched, so computed, not copied
                Map.entry("email", List.of(IDENTIFIES + "email*")),
                Map.entry("first_seen_at", List.of(TRACKS + "received_at*")),
                Map.entry("tracks", List.of()), // count(*) reads no column
                Map.entry("is_internal", List.of(IDENTIFIES + "email*")),
                Map.entry("segment", List.of()), // its only column, a.tracks, is count(*): it reads none
                Map.entry("contact", List.of(IDENTIFIES + "email*", TRACKS + "user_id*")),
                Map.entry("email_rank", List.of(IDENTIFIES + "email*", TRACKS + "received_at*")),
                Map.entry("biggest_order", List.of("ref(\"orders\").amount*")),
                Map.entry("answer", List.of()));
    }

    @Test
    void unionTakesEachBranch() {
        assertThat(lineage("""
                select user_id, event as name, received_at from rudder.tracks
                union all
                select user_id, url, received_at + interval 1 day from rudder.pages
                """)).containsExactly(
                Map.entry("user_id", List.of(PAGES + "user_id", TRACKS + "user_id")),
                Map.entry("name", List.of(PAGES + "url", TRACKS + "event")),
                Map.entry("received_at", List.of(PAGES + "received_at*", TRACKS + "received_at")));
    }

    @Test
    void duckDbSyntaxKeepsItsLineage() {
        assertThat(lineage("""
                select event, count(*) filter (where user_id is not null) as known_users,
                       string_agg(distinct anonymous_id, ',' order by anonymous_id) as visitors,
                       max(properties ->> 'plan') as plan
                from rudder.tracks group by all
                """)).containsExactly(
                Map.entry("event", List.of(TRACKS + "event")),
                Map.entry("known_users", List.of()),
                Map.entry("visitors", List.of(TRACKS + "anonymous_id*")),
                Map.entry("plan", List.of(TRACKS + "properties*")));
        assertThat(lineage("""
                select distinct on (user_id) user_id, email, received_at::date as day
                from rudder.identifies order by user_id, received_at desc
                """)).containsExactly(
                Map.entry("user_id", List.of(IDENTIFIES + "user_id")),
                Map.entry("email", List.of(IDENTIFIES + "email")),
                Map.entry("day", List.of(IDENTIFIES + "received_at*")));
    }

    @Test
    void filteredMinAndMaxOfNotNullColumnsKeepTheirLineage() {
        String sql = """
                select user_id, min(received_at) filter (where event = 'signup') as signed_up_at,
                       max(id) filter (where event = 'purchase') as last_purchase, count(*) filter (where event = 'x') as xs
                from rudder.tracks group by user_id
                """;

        assertThat(lineage(sql)).containsExactly(
                Map.entry("user_id", List.of(TRACKS + "user_id")),
                Map.entry("signed_up_at", List.of(TRACKS + "received_at*")),
                Map.entry("last_purchase", List.of(TRACKS + "id*")),
                Map.entry("xs", List.of()));
        assertThat(validate(sql).columns()).extracting(ValidatedQuery.OutputColumn::nullable)
                .containsExactly(true, true, true, false);
    }

    @Test
    void pivotsSlicesAndLambdasKeepTheirLineage() {
        assertThat(lineage("""
                pivot orders on status in ('paid', 'refunded') using sum(amount) as revenue, count(*) as n
                group by user_id
                """)).containsExactly(
                Map.entry("user_id", List.of(ORDERS + "user_id")),
                Map.entry("paid_revenue", List.of(ORDERS + "amount*")),
                Map.entry("paid_n", List.of()),
                Map.entry("refunded_revenue", List.of(ORDERS + "amount*")),
                Map.entry("refunded_n", List.of()));
        assertThat(lineage("unpivot (select user_id, email, country from users) on email, country"))
                .containsExactly(
                        Map.entry("user_id", List.of(USERS + "user_id")),
                        Map.entry("name", List.of()),
                        Map.entry("value", List.of(USERS + "country*", USERS + "email*")));
        assertThat(lineage("select status[1:3] as prefix, list_transform(tags, lambda t: upper(t)) as shouted from orders"))
                .containsExactly(
                        Map.entry("prefix", List.of(ORDERS + "status*")),
                        Map.entry("shouted", List.of(ORDERS + "tags*")));
    }

    @Test
    void whatCannotBeTracedIsUnknownWithTheReason() {
        ValidatedQuery query = validate("""
                with recursive days(day) as (
                    select date '2026-11-01' union all select day + 1 from days where day < date '2026-11-07'
                )
                select day from days
                """);

        assertThat(query.lineage()).singleElement().satisfies(lineage -> {
            assertThat(lineage.isKnown()).isFalse();
            assertThat(lineage.unknownReason()).isEqualTo("Sluice cannot trace columns through a recursive CTE");
            assertThat(lineage.origins()).isEmpty();
        });
    }

    /**
     * The analytics corpus: every query gets a lineage for every column, and only those that use constructs
     * Calcite's metadata cannot follow are unknown.
     */
    @Test
    void analyticsCorpusIsTracedExceptRecursionLateralUnnestTableFunctionsAndConversionFailures() {
        Map<String, String> unknown = new LinkedHashMap<>();
        for (AnalyticsCorpus.Query corpusQuery : AnalyticsCorpus.queries()) {
            ValidatedQuery query = validate(corpusQuery.sql());
            assertThat(query.lineage()).hasSameSizeAs(query.columns());
            query.lineage().stream().filter(lineage -> !lineage.isKnown()).findFirst()
                    .ifPresent(lineage -> unknown.put(corpusQuery.name(), lineage.unknownReason()));
        }

        // analyst_composite_casts: Calcite's conversion fails on a cast to a struct
        assertThat(unknown).containsOnlyKeys("linear_attribution", "order_tags_cross_join",
                "recursive_calendar", "calendar_joined",
                "union_by_name_activity", "union_by_name_distinct_people", "calendar_from_generate_series",
                "numbers_from_generate_series", "analyst_property_keys_per_event", "analyst_cart_items_json_each",
                "analyst_json_tree_leaves", "analyst_calendar_spine", "analyst_hour_buckets_with_range",
                "analyst_unnest_in_from", "analyst_composite_casts");
        assertThat(unknown.get("analyst_cart_items_json_each"))
                .isEqualTo("Sluice cannot trace columns through a lateral join and a table function");
        assertThat(unknown.get("union_by_name_activity")).isEqualTo("Sluice cannot trace columns through UNION BY NAME");
        assertThat(unknown.get("order_tags_cross_join"))
                .isEqualTo("Sluice cannot trace columns through a lateral join and UNNEST in FROM");
        assertThat(unknown.get("linear_attribution")).startsWith("Calcite cannot turn this query into relational algebra");
        assertThat(unknown.get("numbers_from_generate_series"))
                .isEqualTo("Sluice cannot trace columns through a table function");
    }

    private ValidatedQuery validate(String sql) {
        return frontEnd.validate(frontEnd.parse(sql), catalog);
    }

    /** Output column to its origins, {@code *} marking derived ones. */
    private Map<String, Object> lineage(String sql) {
        ValidatedQuery query = validate(sql);
        Map<String, Object> lineage = new LinkedHashMap<>();
        for (int index = 0; index < query.columns().size(); index++) {
            ColumnLineage column = query.lineage().get(index);
            assertThat(column.isKnown()).as(column.unknownReason()).isTrue();
            lineage.put(query.columns().get(index).name(),
                    column.origins().stream().map(origin -> origin + (origin.derived() ? "*" : "")).toList());
        }
        return lineage;
    }
}
