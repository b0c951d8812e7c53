package dev.sluice.bench;

import java.util.List;
import java.util.Random;

/**
 * The SQL of generated models: the kinds of SELECT analysts write (joins, group by, window functions,
 * CASE, CTEs, unions, an incremental filter). Every model outputs {@link #COLUMNS}.
 */
final class GeneratedModels {
    /** The output of every generated model. */
    static final String COLUMNS = "user_id, event_date, event, amount, events";

    enum Kind {
        STAGING_TRACKS("staging view over tracks"),
        STAGING_IDENTIFIES("staging table over identifies (qualify)"),
        JOIN_GROUP_BY("table: join + group by"),
        WINDOW_CTE("view: CTE + window functions"),
        CASE_UNION("view: CASE + union all"),
        SOURCE_JOIN("table: join with a source"),
        INCREMENTAL("incremental: group by + is_incremental()"),
        EPHEMERAL_DISTINCT("ephemeral: distinct");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    record Model(Kind kind, String sql) {}

    private GeneratedModels() {}

    static Model staging(int index) {
        if (index % 3 == 2) {
            return new Model(Kind.STAGING_IDENTIFIES, """
                    <@config materialized="table" tags=["staging"] />
                    -- Latest identify per user.
                    select
                        i.user_id,
                        cast(i.received_at as date) as event_date,
                        cast('identify' as varchar) as event,
                        cast(0 as double) as amount,
                        count(*) over (partition by i.user_id) as events
                    from ${source("rudder", "identifies")} i
                    where i.user_id is not null
                    qualify row_number() over (partition by i.user_id order by i.received_at desc) = 1
                    """);
        }
        return new Model(Kind.STAGING_TRACKS, """
                <@config materialized="view" tags=["staging"] />
                -- Typed track events, one row per message.
                select
                    coalesce(t.user_id, t.anonymous_id) as user_id,
                    cast(t.received_at as date) as event_date,
                    lower(trim(t.event)) as event,
                    cast(coalesce(t.revenue, 0) as double) as amount,
                    cast(1 as bigint) as events
                from ${source("rudder", "tracks")} t
                where t.received_at >= timestamp '${var("since")} 00:00:00'
                """);
    }

    /** A mart reading {@code parents} (1 to 3 model names); never ephemeral over an ephemeral parent. */
    static Model mart(Random random, List<String> parents, boolean parentEphemeral) {
        return switch (parents.size()) {
            case 1 -> switch (random.nextInt(parentEphemeral ? 3 : 4)) {
                case 0 -> windowCte(parents.get(0));
                case 1 -> sourceJoin(parents.get(0));
                case 2 -> incremental(parents.get(0));
                default -> ephemeralDistinct(parents.get(0));
            };
            default -> random.nextBoolean() ? joinGroupBy(parents) : caseUnion(parents);
        };
    }

    private static Model joinGroupBy(List<String> parents) {
        String third = parents.size() < 3 ? "" : """
                join ${ref("%s")} c on c.user_id = a.user_id
                where c.events > 0
                """.formatted(parents.get(2));
        return new Model(Kind.JOIN_GROUP_BY, """
                <@config materialized="table" />
                -- Per user and day, with the matching day of %2$s.
                select
                    a.user_id,
                    a.event_date,
                    a.event,
                    sum(a.amount) + coalesce(max(b.amount), 0) as amount,
                    count(*) as events
                from ${ref("%1$s")} a
                left join ${ref("%2$s")} b on b.user_id = a.user_id and b.event_date = a.event_date
                %3$sgroup by a.user_id, a.event_date, a.event
                """.formatted(parents.get(0), parents.get(1), third));
    }

    private static Model windowCte(String parent) {
        return new Model(Kind.WINDOW_CTE, """
                <@config materialized="view" />
                -- The last 30 active days per user, with a running total.
                with ranked as (
                    select
                        user_id,
                        event_date,
                        event,
                        events,
                        row_number() over (partition by user_id order by event_date desc) as recency,
                        sum(amount) over (partition by user_id order by event_date
                            rows between unbounded preceding and current row) as running_amount
                    from ${ref("%s")}
                )
                select user_id, event_date, event, running_amount as amount, events
                from ranked
                where recency <= 30
                """.formatted(parent));
    }

    private static Model caseUnion(List<String> parents) {
        StringBuilder sql = new StringBuilder("""
                <@config materialized="view" />
                -- Events labelled by spend, with the busy rows of the other inputs.
                select
                    user_id,
                    event_date,
                    case
                        when amount >= ${var("min_amount")} * 10 then 'high ' || event
                        when amount > 0 then 'paid ' || event
                        else event
                    end as event,
                    amount,
                    events
                from ${ref("%s")}
                """.formatted(parents.get(0)));
        for (String parent : parents.subList(1, parents.size())) {
            sql.append("""
                    union all
                    select %s from ${ref("%s")} where events > 1
                    """.formatted(COLUMNS, parent));
        }
        return new Model(Kind.CASE_UNION, sql.toString());
    }

    private static Model sourceJoin(String parent) {
        return new Model(Kind.SOURCE_JOIN, """
                <@config materialized="table" tags=["crm"] />
                -- Events with the user's CRM plan; opted-out users count no revenue.
                select
                    t.user_id,
                    t.event_date,
                    coalesce(a.plan, 'none') || ':' || t.event as event,
                    case when a.opted_out then 0 else t.amount end as amount,
                    t.events
                from ${ref("%s")} t
                left join ${source("crm", "accounts")} a on a.account_id = t.user_id
                where t.amount >= ${var("min_amount")} or t.events > 1
                """.formatted(parent));
    }

    private static Model incremental(String parent) {
        return new Model(Kind.INCREMENTAL, """
                <@config materialized="incremental" unique_key=["user_id", "event_date"] />
                -- Daily totals per user; later runs recompute only recent days.
                select user_id, event_date, max(event) as event, sum(amount) as amount, sum(events) as events
                from ${ref("%s")}
                <#if is_incremental()>
                where event_date >= (select max(event_date) from ${this})
                </#if>
                group by user_id, event_date
                """.formatted(parent));
    }

    private static Model ephemeralDistinct(String parent) {
        return new Model(Kind.EPHEMERAL_DISTINCT, """
                <@config materialized="ephemeral" />
                select distinct %s
                from ${ref("%s")}
                where user_id is not null
                """.formatted(COLUMNS, parent));
    }
}
