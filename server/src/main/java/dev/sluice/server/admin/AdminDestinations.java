package dev.sluice.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.realtime.DeadLetter;
import dev.sluice.server.realtime.DestinationStatus;
import dev.sluice.server.realtime.RealtimeDestinations;
import dev.sluice.server.realtime.RecentFailures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The real-time destinations as the admin API and the console show them: each one's queue, counts,
 * newest failed sends and dead letters; and replays.
 *
 * <p>Thread-safe: {@link RealtimeDestinations} is.
 */
public final class AdminDestinations {
    private final RealtimeDestinations destinations;

    public AdminDestinations(RealtimeDestinations destinations) {
        this.destinations = destinations;
    }

    /** Every destination, in {@code sluice.yml} order. */
    public ArrayNode list() {
        ArrayNode list = ApiJson.mapper().createArrayNode();
        destinations.statuses().forEach(status -> list.add(status(status)));
        return list;
    }

    /** One destination with its newest {@code limit} failed sends and dead letters (newest first). */
    public Optional<ObjectNode> detail(String name, int limit) {
        return destinations.status(name).map(status -> {
            ObjectNode json = status(status);
            ArrayNode failures = json.putArray("recentFailures");
            status.recentFailures().stream().limit(limit).forEach(failure -> failures.add(failure(failure)));
            ArrayNode letters = json.putArray("deadLetters");
            List<DeadLetter> newest = new ArrayList<>(destinations.deadLetters(name));
            Collections.reverse(newest);
            newest.stream().limit(limit).forEach(letter -> letters.add(deadLetter(letter)));
            return json;
        });
    }

    /** @return how many dead letters the replay selects, or empty when there is no such destination */
    public Optional<Integer> replay(String name, Set<String> messageIds) {
        int selected = destinations.replay(name, messageIds);
        return selected < 0 ? Optional.empty() : Optional.of(selected);
    }

    private static ObjectNode status(DestinationStatus status) {
        ObjectNode json = ApiJson.object();
        json.put("name", status.name());
        json.put("type", status.type());
        json.put("queuedBytes", status.queuedBytes());
        json.put("inFlight", status.inFlight());
        json.put("delivered", status.delivered());
        json.put("retried", status.retried());
        json.put("failed", status.failed());
        json.put("filtered", status.filtered());
        json.put("deadLetters", status.deadLetters());
        return json;
    }

    private static ObjectNode failure(RecentFailures.Failure failure) {
        ObjectNode json = ApiJson.object();
        json.put("at", failure.at().toString());
        json.put("events", failure.events());
        json.put("messageId", failure.firstMessageId());
        json.put("httpStatus", failure.httpStatus());
        json.put("error", failure.error());
        json.put("willRetry", failure.willRetry());
        return json;
    }

    private static ObjectNode deadLetter(DeadLetter letter) {
        ObjectNode json = ApiJson.object();
        json.put("messageId", letter.messageId());
        json.put("type", letter.eventType());
        json.put("userKey", letter.laneKey());
        json.put("stage", letter.stage());
        json.put("attempts", letter.attempts());
        json.put("httpStatus", letter.httpStatus());
        json.put("error", letter.error());
        json.put("deadAt", letter.deadAt().toString());
        json.put("payload", letter.payload());
        return json;
    }
}
