package dev.sluice.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.admin.AdminConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The InfluxDB push against a fake InfluxDB that checks requests as InfluxDB's write API does. */
class InfluxPushTest {
    private static final String TOKEN = "influx-token-0123456789";

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    /** What the pusher logged. */
    private static final class Lines implements InfluxPush.Log {
        final List<String> warnings = new ArrayList<>();
        final List<String> infos = new ArrayList<>();

        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void info(String message) {
            infos.add(message);
        }
    }

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = MeterRegistries.prometheus();
        Counter.builder("sluice.events.received").tag("source", "web app,eu=1").register(registry).increment(42);
        Timer.builder("sluice.load").publishPercentileHistogram().register(registry).record(Duration.ofMillis(120));
        return registry;
    }

    /** The measurement names of /metrics: every sample line's name. */
    private static Set<String> prometheusNames(String scrape) {
        return scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
    }

    @Test
    void pushesEveryMetricToInfluxDb2UnderItsPrometheusName() throws Exception {
        PrometheusMeterRegistry registry = registry();
        MovingClock clock = new MovingClock();
        Lines log = new Lines();
        try (FakeInfluxDb influx = new FakeInfluxDb("acme", "sluice metrics", TOKEN, null)) {
            InfluxPush push = InfluxPush.manual(AdminConfig.Influx.v2(influx.uri(), "acme", "sluice metrics", TOKEN,
                    Duration.ofSeconds(10)), registry::scrape, clock, log);
            push.push();
            assertThat(log.warnings).isEmpty();
            assertThat(influx.precisions()).containsExactly("ms");
            List<String> lines = influx.lines();
            assertThat(lines).contains("sluice_events_received_total,source=web\\ app\\,eu\\=1 value=42 "
                    + clock.millis());
            assertThat(lines).anyMatch(line -> line.startsWith("sluice_load_seconds_bucket,le=0.1"));
            assertThat(lines).anyMatch(line -> line.startsWith("sluice_load_seconds_count value=1 "));
            Set<String> measurements = lines.stream().map(line -> line.split("(?<!\\\\)[, ]", 2)[0])
                    .collect(Collectors.toSet());
            // The same names as /metrics (samples InfluxDB cannot store, NaN and infinities, aside).
            assertThat(prometheusNames(registry.scrape())).containsAll(measurements);
            assertThat(measurements).contains("sluice_events_received_total", "sluice_load_seconds_sum",
                    "sluice_load_seconds_max");
        }
    }

    @Test
    void aWrongTokenOrBucketIsLoggedWithInfluxDbsAnswerAndNeverTheToken() throws Exception {
        MovingClock clock = new MovingClock();
        try (FakeInfluxDb influx = new FakeInfluxDb("acme", "sluice", TOKEN, null)) {
            Lines log = new Lines();
            InfluxPush.manual(AdminConfig.Influx.v2(influx.uri(), "acme", "sluice", "wrong-token-0123456789",
                    Duration.ofSeconds(10)), registry()::scrape, clock, log).push();
            assertThat(log.warnings).singleElement().asString().contains("InfluxDB answered 401")
                    .contains("unauthorized access").doesNotContain("wrong-token");
            Lines other = new Lines();
            InfluxPush.manual(AdminConfig.Influx.v2(influx.uri(), "acme", "nope", TOKEN, Duration.ofSeconds(10)),
                    registry()::scrape, clock, other).push();
            assertThat(other.warnings).singleElement().asString().contains("404").contains("bucket \\\"nope\\\" not found")
                    .doesNotContain(TOKEN);
            assertThat(influx.lines()).isEmpty();
        }
    }

    @Test
    void anUnreachableInfluxDbIsLoggedOnceThenAtMostEveryFiveMinutesWithoutStackTraces() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        MovingClock clock = new MovingClock();
        Lines log = new Lines();
        InfluxPush push = InfluxPush.manual(AdminConfig.Influx.v2(URI.create("http://127.0.0.1:" + port), "acme",
                "sluice", TOKEN, Duration.ofSeconds(10)), registry()::scrape, clock, log);
        for (int step = 0; step <= 30; step++) { // 31 steps of 10 s: 5 minutes after the first
            push.push();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(log.warnings).hasSize(2);
        assertThat(log.warnings.get(0)).startsWith("cannot push metrics to InfluxDB at http://127.0.0.1:" + port)
                .doesNotContain("\n").doesNotContain("\tat ");
        assertThat(log.warnings.get(1)).startsWith("still cannot push").contains("31 failed pushes in a row");
    }

    @Test
    void influxDb1GetsTheDatabaseAndBasicCredentials() throws Exception {
        try (FakeInfluxDb influx = new FakeInfluxDb("unused", "metrics", "unused", "sluice:s3cret")) {
            Lines log = new Lines();
            InfluxPush.manual(new AdminConfig.Influx(influx.uri(), "metrics", "sluice", "s3cret", null, null, null,
                    Duration.ofSeconds(10)), registry()::scrape, new MovingClock(), log).push();
            assertThat(log.warnings).isEmpty();
            assertThat(influx.lines()).anyMatch(line -> line.startsWith("sluice_events_received_total,"));
            Lines denied = new Lines();
            InfluxPush.manual(new AdminConfig.Influx(influx.uri(), "metrics", "sluice", "wrong", null, null, null,
                    Duration.ofSeconds(10)), registry()::scrape, new MovingClock(), denied).push();
            assertThat(denied.warnings).singleElement().asString().contains("401").doesNotContain("wrong");
        }
    }

    @Test
    void lineProtocolEscapesAndLeavesOutWhatInfluxDbCannotStore() {
        String exposition = """
                # HELP x_total a help text, with commas
                # TYPE x_total counter
                x_total{a="b \\"q\\" c",empty="",z="1=2"} 3.0
                y NaN
                y_bucket{le="+Inf"} 2.0
                z -1.5E-4
                """;
        assertThat(LineProtocol.fromPrometheus(exposition, 1000)).isEqualTo(
                "x_total,a=b\\ \"q\"\\ c,z=1\\=2 value=3 1000\n"
                        + "y_bucket,le=+Inf value=2 1000\n"
                        + "z value=-1.5E-4 1000\n");
    }

    @Test
    void aRecoveryIsLoggedOnce() throws Exception {
        MovingClock clock = new MovingClock();
        try (FakeInfluxDb influx = new FakeInfluxDb("acme", "sluice", TOKEN, null)) {
            Lines log = new Lines();
            InfluxPush push = InfluxPush.manual(AdminConfig.Influx.v2(influx.uri(), "acme", "sluice", TOKEN,
                    Duration.ofSeconds(10)), registry()::scrape, clock, log);
            influx.down(true);
            push.push();
            push.push();
            assertThat(log.warnings).singleElement().asString().contains("503");
            influx.down(false);
            push.push();
            push.push();
            assertThat(log.infos).containsExactly("pushing metrics to InfluxDB at " + influx.uri()
                    + " works again, after 2 failed pushes");
            assertThat(log.warnings).hasSize(1);
        }
        assertThat(org.slf4j.LoggerFactory.getLogger(InfluxPush.class).isInfoEnabled())
                .as("the server's log (logback.xml, warnings only by default) lets the recovery line through").isTrue();
    }
}
