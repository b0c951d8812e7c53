package dev.sluice.destinations.hubspot;

import dev.sluice.destinations.http.Settings;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationFactory;
import java.util.Map;

/** {@code type: hubspot}, see {@link HubSpotDestination}. Thread-safe. */
public final class HubSpotDestinationFactory implements DestinationFactory {
    @Override
    public String type() {
        return "hubspot";
    }

    @Override
    public Destination open(Map<String, String> settings) {
        return new HubSpotDestination(new Settings(type(), settings));
    }
}
