package dev.sluice.destinations.braze;

import dev.sluice.destinations.http.Settings;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationFactory;
import java.util.Map;

/** {@code type: braze}, see {@link BrazeDestination}. Thread-safe. */
public final class BrazeDestinationFactory implements DestinationFactory {
    @Override
    public String type() {
        return "braze";
    }

    @Override
    public Destination open(Map<String, String> settings) {
        return new BrazeDestination(new Settings(type(), settings));
    }
}
