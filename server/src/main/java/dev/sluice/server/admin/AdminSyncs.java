package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.sync.SyncDefinition;
import dev.sluice.server.sync.SyncService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Syncs as the API and the console show them: each sync declared in {@code syncs/} or recorded in
 * {@code sluice.sync_runs}, its latest run, and for one sync its recent runs and the rows its
 * destination refused, with the destination's error per row. JSON with the warehouse's column names.
 *
 * <p>Thread-safe: reads the project and the warehouse on each call.
 */
public final class AdminSyncs {
    private final SyncService syncs;
    private final AdminQueries queries;

    public AdminSyncs(SyncService syncs, AdminQueries queries) {
        this.syncs = syncs;
        this.queries = queries;
    }

    /**
     * Every sync: {@code name, model, destination, mode, declared, running, given_up, last} ({@code last} null
     * when never run; {@code given_up} the rows its destination refused in every attempt, null for a sync
     * whose file was removed).
     */
    public ArrayNode list() {
        Map<String, SyncDefinition> declared = syncs.definitions();
        Map<String, Map<String, Object>> latest = queries.latestSyncRuns();
        Set<String> names = new LinkedHashSet<>(declared.keySet());
        names.addAll(latest.keySet());
        ArrayNode list = ApiJson.mapper().createArrayNode();
        for (String name : names) {
            ObjectNode json = summary(name, declared.get(name));
            Map<String, Object> last = latest.get(name);
            json.set("last", last == null ? null : ApiJson.row(last));
            list.add(json);
        }
        return list;
    }

    /**
     * One sync's recent runs (newest first) and its undelivered rows ({@code errors}, newest first).
     *
     * @return empty when the sync is neither declared nor recorded
     */
    public Optional<ObjectNode> detail(String name, int limit) {
        SyncDefinition definition = syncs.definitions().get(name);
        List<Map<String, Object>> runs = queries.syncRuns(name, limit);
        if (definition == null && runs.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode json = summary(name, definition);
        ArrayNode runList = json.putArray("runs");
        runs.forEach(row -> runList.add(ApiJson.row(row)));
        ArrayNode errors = json.putArray("errors");
        queries.syncErrors(name, limit).forEach(row -> errors.add(ApiJson.row(row)));
        return Optional.of(json);
    }

    /**
     * Starts a run of {@code name} in the background (see {@link SyncService#start}).
     *
     * @return false when there is no such sync in {@code syncs/}
     * @throws dev.sluice.engine.sync.SyncException when it is already running or a sync file is wrong
     */
    public boolean trigger(String name) {
        if (!syncs.definitions().containsKey(name)) {
            return false;
        }
        syncs.start(name);
        return true;
    }

    /** The sync's names; a sync whose file was removed keeps its history but has no model. */
    private ObjectNode summary(String name, SyncDefinition definition) {
        ObjectNode json = ApiJson.object().put("name", name);
        json.put("model", definition == null ? null : definition.model());
        json.put("destination", definition == null ? null : definition.destinationType());
        json.put("mode", definition == null ? null : definition.mode().configName());
        json.put("declared", definition != null);
        json.put("running", syncs.running(name));
        if (definition == null) {
            json.putNull("given_up");
        } else {
            json.put("given_up", syncs.givenUp(definition));
        }
        return json;
    }
}
