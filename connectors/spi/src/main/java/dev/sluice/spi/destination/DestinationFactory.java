package dev.sluice.spi.destination;

import java.util.Map;

/**
 * Creates destinations of one type. Implementations are found through {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/dev.sluice.spi.destination.DestinationFactory}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface DestinationFactory {
    /** The {@code destination.type} in {@code syncs/*.yml} this factory serves, for example {@code hubspot}. */
    String type();

    /**
     * Opens a destination. Does not contact the vendor: credentials are checked by the first send.
     *
     * @param settings the sync's {@code destination} block, nested keys joined with dots
     *     ({@code headers.Authorization}), environment variables already substituted
     * @throws DestinationException with {@link DestinationFailure#INVALID_SETTINGS}, naming the setting
     */
    Destination open(Map<String, String> settings);
}
