package dev.sluice.spi.destination;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a destination can do, as data: the engine checks a sync against it before sending anything.
 *
 * @param maxBatchSize the most records one {@link Destination#send} call accepts (the vendor's limit)
 * @param operations the operations it supports; a {@linkplain DestinationMode mode} needs all of its own
 * @param requestsPerSecond the vendor's published request rate, used when a sync sets no
 *     {@code rate_limit}; 0 means no limit is known
 */
public record DestinationCapabilities(int maxBatchSize, Set<DestinationOperation> operations,
        double requestsPerSecond) {
    public DestinationCapabilities {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1: " + maxBatchSize);
        }
        operations = Set.copyOf(requireNonNull(operations, "operations is null"));
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must not be negative: " + requestsPerSecond);
        }
    }

    public boolean supports(DestinationMode mode) {
        return operations.containsAll(mode.operations());
    }

    /** The modes this destination supports, in declaration order. */
    public Set<DestinationMode> modes() {
        Set<DestinationMode> modes = EnumSet.noneOf(DestinationMode.class);
        for (DestinationMode mode : DestinationMode.values()) {
            if (supports(mode)) {
                modes.add(mode);
            }
        }
        return modes;
    }
}
