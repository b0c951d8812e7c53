package dev.sluice.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Builds the server's Micrometer registry (Prometheus, for {@code /metrics} and the InfluxDB push) and
 * its JVM and process meters. Every meter's name is prefixed {@code sluice.} ({@code sluice_} in
 * Prometheus), the JVM's too, so one prefix finds everything Sluice exports. Not instantiable.
 */
final class MeterRegistries {
    /** Renames {@code jvm.memory.used} to {@code sluice.jvm.memory.used}; Sluice's own names are kept. */
    static final MeterFilter PREFIX = new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
            return id.getName().startsWith("sluice.") ? id : id.withName("sluice." + id.getName());
        }
    };

    private MeterRegistries() {}

    static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(PREFIX);
        return registry;
    }

    /** Binds JVM and process meters; returns what must be closed on shutdown. */
    static AutoCloseable bindJvm(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }
}
