package dev.sluice.destinations.webhook;

import dev.sluice.destinations.http.Settings;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationFactory;
import java.util.Map;

/** {@code type: webhook}, see {@link WebhookDestination}. Thread-safe. */
public final class WebhookDestinationFactory implements DestinationFactory {
    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public Destination open(Map<String, String> settings) {
        return new WebhookDestination(new Settings(type(), settings));
    }
}
