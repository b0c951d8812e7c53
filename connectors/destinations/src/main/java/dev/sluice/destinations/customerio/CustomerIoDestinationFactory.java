package dev.sluice.destinations.customerio;

import dev.sluice.destinations.http.Settings;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationFactory;
import java.util.Map;

/** {@code type: customerio}, see {@link CustomerIoDestination}. Thread-safe. */
public final class CustomerIoDestinationFactory implements DestinationFactory {
    @Override
    public String type() {
        return "customerio";
    }

    @Override
    public Destination open(Map<String, String> settings) {
        return new CustomerIoDestination(new Settings(type(), settings));
    }
}
