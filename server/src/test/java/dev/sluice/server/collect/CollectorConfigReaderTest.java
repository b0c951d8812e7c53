package dev.sluice.server.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.project.ProjectConfigReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectorConfigReaderTest {
    static final EnvironmentInterpolator ENV = new EnvironmentInterpolator(Map.of("WEB_KEY", "from-env")::get);

    @TempDir
    Path project;

    @Test
    void readsSourcesLimitsAndIntervalsAndTheEngineAcceptsTheSection() throws IOException {
        write("""
                collector:
                  port: 9090
                  load-interval: 500ms
                  spool: data/spool
                  sources:
                    web:
                      write-key: ${env.WEB_KEY}
                      schema: rudder
                    ios:
                      write-key: ios-key
                  limits:
                    max-event-bytes: 16KB
                    max-request-bytes: 2MB
                    max-batch-events: 100
                    max-concurrent-requests: 32
                    body-timeout: 5s
                    min-body-rate: 4KB
                """);

        CollectorConfig config = new CollectorConfigReader(ENV).read(project);

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.loadInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.spoolDirectory()).isEqualTo(project.toAbsolutePath().normalize().resolve("data/spool"));
        assertThat(config.sources()).containsExactly(new EventSource("web", "from-env", "rudder"),
                new EventSource("ios", "ios-key", "ios"));
        assertThat(config.limits()).isEqualTo(new CollectorLimits(16 * 1024, 2 * 1024 * 1024, 100,
                CollectorLimits.DEFAULTS.maxBufferedBytes(), CollectorLimits.DEFAULTS.maxSpoolBytes(), 32,
                Duration.ofSeconds(5), 4096));
        assertThat(config.sourceForWriteKey("from-env")).map(EventSource::name).contains("web");
        assertThat(config.sourceForWriteKey("nope")).isEmpty();
        assertThat(new ProjectConfigReader(ENV).read(project).name()).isEqualTo("p");
    }

    @Test
    void aSourceNamesItsTransformationsInOrder() throws IOException {
        write("""
                collector:
                  sources:
                    web:
                      write-key: k1
                      transformations: [drop_internal, rename_traits]
                    ios:
                      write-key: k2
                      transformations: only_one
                  transformations:
                    drop_internal: {timeout: 1s}
                """);

        CollectorConfig config = new CollectorConfigReader(ENV).read(project);

        assertThat(config.sources()).containsExactly(new EventSource("web", "k1", "web", java.util.List.of("drop_internal",
                "rename_traits")), new EventSource("ios", "k2", "ios", java.util.List.of("only_one")));
    }

    @Test
    void defaultsApplyWhenOnlySourcesAreGiven() throws IOException {
        write("collector:\n  sources:\n    web: {write-key: k}\n");

        CollectorConfig config = new CollectorConfigReader(ENV).read(project);

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.loadInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.limits()).isEqualTo(CollectorLimits.DEFAULTS);
        assertThat(config.spoolDirectory()).isEqualTo(project.toAbsolutePath().normalize().resolve("target/spool"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        name: p                                                              | no collector section
        collector: {sources: {}}                                             | collector.sources: expected a map of source name
        collector: {sources: {web: {schema: s}}}                             | collector.sources.web.write-key: every source needs a write key
        collector: {sources: {web: {write-key: k, table: t}}}                | collector.sources.web.table: unknown key
        collector: {sources: {a: {write-key: k}, b: {write-key: k}}}         | two sources share a write key
        collector: {sources: {a: {write-key: k}}, limits: {max-event-bytes: lots}} | collector.limits.max-event-bytes: expected a size such as 32768
        collector: {sources: {a: {write-key: k}}, load-interval: 10}         | collector.load-interval: expected a duration such as 500ms
        collector: {sources: {a: {write-key: k}}, port: http}                | collector.port: expected a whole number
        collector: {sources: {a: {write-key: '${env.MISSING}'}}}             | environment variable MISSING is not set
        collector: {sources: {a: {write-key: k}}, limits: {max-batch-events: 0}} | max-batch-events must be positive
        """)
    void mistakesNameTheField(String yaml, String message) throws IOException {
        write(yaml.startsWith("name:") ? "" : yaml + "\n");

        assertThatThrownBy(() -> new CollectorConfigReader(ENV).read(project))
                .isInstanceOf(SluiceException.class).hasMessageContaining("sluice.yml").hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "port: ${env.WEB_KEY}|collector.port: expected a whole number, got the value of ${env.WEB_KEY}",
        "load-interval: ${env.WEB_KEY}|collector.load-interval: expected a duration such as 500ms, 10s or 1m, got the value of ${env.WEB_KEY}",
        "limits: {max-event-bytes: '${env.WEB_KEY}'}|collector.limits.max-event-bytes: expected a size such as 32768, 32KB, 4MB or 1GB, got the value of ${env.WEB_KEY}"})
    void aWrongValueFromTheEnvironmentIsNamedByItsVariableNeverShown(String setting, String message) throws IOException {
        write("collector:\n  " + setting + "\n  sources: {web: {write-key: k}}\n");

        assertThatThrownBy(() -> new CollectorConfigReader(ENV).read(project))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("from-env");
    }

    @Test
    void aWrongValueWrittenInTheFileIsQuoted() throws IOException {
        write("collector:\n  port: eighty\n  sources: {web: {write-key: k}}\n");

        assertThatThrownBy(() -> new CollectorConfigReader(ENV).read(project))
                .hasMessageContaining("collector.port: expected a whole number, got \"eighty\"");
    }

    private void write(String collectorSection) throws IOException {
        Files.writeString(project.resolve("sluice.yml"), "name: p\n" + collectorSection);
    }
}
