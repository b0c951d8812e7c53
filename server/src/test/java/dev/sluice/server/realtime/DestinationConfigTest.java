package dev.sluice.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.template.PayloadTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collector.destinations} in {@code sluice.yml}: what it means, and errors that name the field. */
class DestinationConfigTest {
    private static final EnvironmentInterpolator ENV = new EnvironmentInterpolator(Map.of("HOOK_TOKEN",
            "s3cret-token-value")::get);

    @TempDir
    Path project;

    @Test
    void readsEachDestinationWithItsConnectorSettingsFlattenedAndDefaults() throws IOException {
        List<DestinationConfig> destinations = read("""
                    hook:
                      type: Webhook
                      settings:
                        url: https://hooks.example.com/events
                        headers:
                          Authorization: Bearer ${env.HOOK_TOKEN}
                      transformations: strip_pii
                      templates: {track: hook/track.json.ftl}
                      max-attempts: 3
                      backoff: 50ms
                    braze:
                      type: braze
                      key: userId
                """);
        assertThat(destinations).extracting(DestinationConfig::name).containsExactly("hook", "braze");
        DestinationConfig hook = destinations.get(0);
        assertThat(hook.type()).isEqualTo("webhook");
        assertThat(hook.settings()).containsExactly(Map.entry("url", "https://hooks.example.com/events"),
                Map.entry("headers.Authorization", "Bearer s3cret-token-value"));
        assertThat(hook.fromEnvironment()).containsExactly("s3cret-token-value");
        assertThat(hook.transformations()).containsExactly("strip_pii");
        assertThat(hook.templates()).containsExactly(Map.entry("track", "hook/track.json.ftl"));
        assertThat(hook.maxAttempts()).isEqualTo(3);
        assertThat(hook.backoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(hook.key()).isEqualTo("messageId");
        assertThat(hook.lanes()).isEqualTo(DestinationConfig.DEFAULT_LANES);
        assertThat(destinations.get(1).key()).isEqualTo("userId");
    }

    @Test
    void mistakesNameTheFieldAndNeverTheSecret() {
        assertThatThrownBy(() -> read("""
                    hook:
                      type: webhook
                      retries: 3
                """)).isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("sluice.yml: collector.destinations.hook.retries: unknown key; expected one of");
        assertThatThrownBy(() -> read("""
                    hook:
                      settings: {url: http://x}
                """)).hasMessageStartingWith("sluice.yml: collector.destinations.hook.type: required");
        assertThatThrownBy(() -> read("""
                    hook:
                      type: webhook
                      backoff: soon
                """)).hasMessage("sluice.yml: collector.destinations.hook.backoff: expected a duration such as 500ms,"
                        + " 10s or 1m, got \"soon\"");
        assertThatThrownBy(() -> read("""
                    hook:
                      type: webhook
                      backoff: 1m
                      max-backoff: 1s
                """)).hasMessageContaining("collector.destinations.hook: backoff must be positive and at most max-backoff");
        assertThatThrownBy(() -> open("""
                    hook:
                      type: webhook
                      settings:
                        url: ${env.HOOK_TOKEN}
                """)).isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("sluice.yml: collector.destinations.hook.settings: webhook destination: url:")
                .hasMessageNotContaining("s3cret-token-value");
        assertThatThrownBy(() -> open("""
                    hook:
                      type: pigeon
                """)).hasMessageContaining("collector.destinations.hook.settings: no destination connector for type"
                        + " 'pigeon'; installed: braze, customerio, hubspot, salesforce, webhook");
        assertThatThrownBy(() -> open("""
                    hook:
                      type: webhook
                      settings: {url: "http://127.0.0.1:9/hook"}
                      templates: {track: missing.json.ftl}
                """)).hasMessageContaining("sluice.yml: collector.destinations.hook.templates.track: no template"
                        + " \"missing.json.ftl\"");
    }

    private List<DestinationConfig> read(String destinations) throws IOException {
        Files.writeString(project.resolve("sluice.yml"), """
                name: config_test
                collector:
                  sources:
                    web: {write-key: k}
                  destinations:
                %s""".formatted(destinations));
        return new DestinationConfigReader(ENV).read(project);
    }

    private void open(String destinations) throws IOException {
        new RealtimeDestinations(read(destinations), null, null, new PayloadTemplates(project.resolve("templates")),
                DeliveryObserver.NONE, Clock.systemUTC(), Duration.ZERO);
    }
}
