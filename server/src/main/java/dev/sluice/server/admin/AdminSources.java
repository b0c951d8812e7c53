package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.engine.Workspace;
import dev.sluice.engine.extract.SourceStatuses;
import dev.sluice.engine.extract.SourceStatuses.SourceStatus;
import dev.sluice.engine.extract.SourceStatuses.StreamStatus;
import dev.sluice.server.extract.ExtractService;
import java.util.Optional;

/**
 * Sources as the API and the console show them: each source under {@code extract:} in {@code sluice.yml} or
 * with rows in {@code sluice.source_state}, whether it is running, and per stream its table, mode, last sync,
 * last completed run, rows, status, state and last failure (see {@link SourceStatuses}).
 *
 * <p>Thread-safe: reads the project and the warehouse on each call.
 */
public final class AdminSources {
    private final ExtractService extracts;

    public AdminSources(ExtractService extracts) {
        this.extracts = extracts;
    }

    /** Every source: {@code name, type, schema, declared, running, streams}. */
    public ArrayNode list() {
        ArrayNode list = ApiJson.mapper().createArrayNode();
        statuses().forEach(source -> list.add(json(source)));
        return list;
    }

    /** @return empty when the source is neither declared nor recorded */
    public Optional<ObjectNode> detail(String name) {
        return statuses().stream().filter(source -> source.name().equals(name)).findFirst().map(this::json);
    }

    /**
     * Starts a run of {@code name} in the background (see {@link ExtractService#start}).
     *
     * @return false when no source of that name is under {@code extract:}
     * @throws dev.sluice.engine.SluiceException when it is already running or its settings are wrong
     */
    public boolean trigger(String name, boolean fullRefresh) {
        if (statuses().stream().noneMatch(source -> source.name().equals(name) && source.declared())) {
            return false;
        }
        extracts.start(name, fullRefresh);
        return true;
    }

    private java.util.List<SourceStatus> statuses() {
        Workspace workspace = extracts.workspace();
        return SourceStatuses.read(workspace.warehouse(), workspace.project().directory());
    }

    private ObjectNode json(SourceStatus source) {
        ObjectNode json = ApiJson.object().put("name", source.name()).put("type", source.type())
                .put("schema", source.schema()).put("declared", source.declared())
                .put("running", extracts.running(source.name()));
        ArrayNode streams = json.putArray("streams");
        for (StreamStatus stream : source.streams()) {
            ObjectNode item = streams.addObject().put("name", stream.stream())
                    .put("table", stream.table() == null ? null : stream.table().toString())
                    .put("mode", stream.mode().equals("INCREMENTAL") ? "incremental" : "full-refresh")
                    .put("status", stream.status()).put("lastSync", ApiJson.time(stream.lastSync()))
                    .put("lastCompleted", ApiJson.time(stream.lastCompleted())).put("inProgress", stream.inProgress())
                    .put("cursor", stream.cursor()).put("lastError", stream.lastError());
            if (stream.rows() == null) {
                item.putNull("rows");
            } else {
                item.put("rows", stream.rows());
            }
            ObjectNode state = item.putObject("state");
            stream.shownState().forEach(state::put);
        }
        return json;
    }
}
