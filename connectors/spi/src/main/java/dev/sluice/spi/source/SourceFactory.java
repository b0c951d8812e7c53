package dev.sluice.spi.source;

import java.util.Map;

/**
 * Creates sources of one type. Implementations are found through {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/dev.sluice.spi.source.SourceFactory}.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface SourceFactory {
    /** The {@code type} of an {@code extract} entry in {@code sluice.yml} this factory serves, for example {@code rest}. */
    String type();

    /**
     * Opens a source. Does not contact the system: credentials are checked by the first read.
     *
     * @param settings the entry's settings as read from YAML: maps ({@code Map<String, Object>}), lists and
     *     strings (numbers and booleans as their text), environment variables already substituted; the
     *     caller's own keys ({@code type}, {@code schema}) removed
     * @throws SourceException with {@link SourceException#invalidSettings(String, String)}, naming the setting
     *     by its dotted path, for a missing, unknown or bad setting
     */
    Source open(Map<String, Object> settings);
}
