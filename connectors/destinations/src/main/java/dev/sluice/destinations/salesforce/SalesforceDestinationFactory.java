package dev.sluice.destinations.salesforce;

import dev.sluice.destinations.http.Settings;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationFactory;
import java.util.Map;

/** {@code type: salesforce}, see {@link SalesforceDestination}. Thread-safe. */
public final class SalesforceDestinationFactory implements DestinationFactory {
    @Override
    public String type() {
        return "salesforce";
    }

    @Override
    public Destination open(Map<String, String> settings) {
        return new SalesforceDestination(new Settings(type(), settings));
    }
}
