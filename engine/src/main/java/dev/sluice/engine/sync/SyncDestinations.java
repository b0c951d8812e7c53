package dev.sluice.engine.sync;

import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationCapabilities;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationMode;
import dev.sluice.spi.destination.Destinations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Opens a sync's destination and checks the sync against its capabilities. Thread-safe (stateless). */
final class SyncDestinations {
    private SyncDestinations() {}

    /**
     * The destination, with {@code secrets} taken out of its answers and failures.
     *
     * @throws SyncException naming the sync file and the setting that is wrong
     */
    static Destination open(SyncDefinition sync, EnvironmentInterpolator environment, SyncSecrets secrets) {
        Map<String, String> settings = new LinkedHashMap<>();
        sync.destinationSettings().forEach((key, value) ->
                settings.put(key, environment.interpolate(value, sync.where("destination." + key))));
        try {
            return secrets.guard(Destinations.open(sync.destinationType(), settings));
        } catch (DestinationException e) {
            throw SyncException.config(sync.where("destination") + ": " + secrets.redact(e.getMessage()));
        }
    }

    /**
     * The batch size the sync asked for, or the destination's largest.
     *
     * @throws SyncException when the destination does not support the mode or takes smaller batches
     */
    static int batchSize(SyncDefinition sync, DestinationCapabilities capabilities) {
        DestinationMode mode = sync.mode();
        if (!capabilities.supports(mode)) {
            throw SyncException.config(sync.where("mode") + ": destination " + sync.destinationType()
                    + " does not support mode " + mode.configName() + "; it supports "
                    + capabilities.modes().stream().map(DestinationMode::configName).collect(Collectors.joining(", ")));
        }
        if (sync.batchSize() > capabilities.maxBatchSize()) {
            throw SyncException.config(sync.where("batch_size") + ": destination " + sync.destinationType()
                    + " takes at most " + capabilities.maxBatchSize() + " records per request, not "
                    + sync.batchSize());
        }
        return sync.batchSize() == 0 ? capabilities.maxBatchSize() : sync.batchSize();
    }

    static double rateLimit(SyncDefinition sync, DestinationCapabilities capabilities) {
        return sync.rateLimit() > 0 ? sync.rateLimit() : capabilities.requestsPerSecond();
    }
}
