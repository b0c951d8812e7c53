package dev.sluice.server.metrics;

import dev.sluice.server.admin.AdminConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every metric {@code /metrics} shows to InfluxDB every {@code step}, under the same names:
 * what Prometheus would scrape is written as line protocol ({@link LineProtocol}) to InfluxDB 2.x's
 * {@code /api/v2/write} (org, bucket, {@code Authorization: Token}) or 1.x's {@code /write} (db, basic
 * credentials when set).
 *
 * <p>An InfluxDB that cannot be reached does not fill the log: the first failed push is logged as one
 * warning line (no stack trace), the next ones at most once every {@link #LOG_EVERY}, and the first push
 * that works again once. Neither the token nor the password is ever logged.
 *
 * <p>Thread-safe: pushes run on one thread.
 */
final class InfluxPush implements AutoCloseable {
    /** How often a push that keeps failing is logged again. */
    static final Duration LOG_EVERY = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(InfluxPush.class);

    /** Where the pusher's lines go; the server's log, or a test's list. */
    interface Log {
        void warn(String message);

        void info(String message);

        Log SLF4J = new Log() {
            @Override
            public void warn(String message) {
                LOG.warn(message);
            }

            @Override
            public void info(String message) {
                LOG.info(message);
            }
        };
    }

    private final AdminConfig.Influx influx;
    private final Supplier<String> scrape;
    private final Clock clock;
    private final Log log;
    private final HttpClient client;
    private final URI writeUri;
    private final String authorization;
    private final ScheduledExecutorService timer;
    /** Guarded by {@code this}. */
    private int failures;
    /** Guarded by {@code this}: when a failure was last logged. */
    private Instant lastLogged;

    /** Pushes every {@code influx.step()} from now on. */
    static InfluxPush start(AdminConfig.Influx influx, Supplier<String> scrape) {
        InfluxPush push = new InfluxPush(influx, scrape, Clock.systemUTC(), Log.SLF4J, true);
        long step = influx.step().toMillis();
        push.timer.scheduleAtFixedRate(push::push, step, step, TimeUnit.MILLISECONDS);
        return push;
    }

    /** A pusher that pushes only when {@link #push} is called (tests). */
    static InfluxPush manual(AdminConfig.Influx influx, Supplier<String> scrape, Clock clock, Log log) {
        return new InfluxPush(influx, scrape, clock, log, false);
    }

    private InfluxPush(AdminConfig.Influx influx, Supplier<String> scrape, Clock clock, Log log, boolean timed) {
        this.influx = influx;
        this.scrape = scrape;
        this.clock = clock;
        this.log = log;
        this.client = HttpClient.newBuilder().connectTimeout(timeout()).build();
        String base = influx.uri().toString().replaceFirst("/+$", "");
        this.writeUri = URI.create(influx.v2()
                ? base + "/api/v2/write?org=" + encode(influx.org()) + "&bucket=" + encode(influx.bucket()) + "&precision=ms"
                : base + "/write?db=" + encode(influx.db()) + "&precision=ms");
        this.authorization = influx.v2() ? "Token " + influx.token()
                : influx.user() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((influx.user() + ":" + influx.password())
                        .getBytes(StandardCharsets.UTF_8));
        this.timer = timed ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sluice-influx-push");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /** The write URL, without credentials (it holds none). */
    URI writeUri() {
        return writeUri;
    }

    /** One push of the current metrics; never throws. */
    synchronized void push() {
        String failure;
        try {
            String body = LineProtocol.fromPrometheus(scrape.get(), clock.millis());
            HttpRequest.Builder request = HttpRequest.newBuilder(writeUri).timeout(timeout())
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                succeeded();
                return;
            }
            String answer = response.body() == null ? "" : response.body().strip();
            failure = "InfluxDB answered " + response.statusCode() + (answer.isEmpty() ? ""
                    : ": " + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer));
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            failure = e.toString();
        }
        failed(failure);
    }

    private void succeeded() {
        if (failures > 0) {
            log.info("pushing metrics to InfluxDB at " + where() + " works again, after " + failures + " failed push"
                    + (failures == 1 ? "" : "es"));
        }
        failures = 0;
        lastLogged = null;
    }

    private void failed(String failure) {
        failures++;
        Instant now = clock.instant();
        if (lastLogged == null) {
            log.warn("cannot push metrics to InfluxDB at " + where() + ": " + failure + "; trying again every "
                    + influx.step().toSeconds() + " s, logged again at most every " + LOG_EVERY.toMinutes() + " minutes");
            lastLogged = now;
        } else if (!now.isBefore(lastLogged.plus(LOG_EVERY))) {
            log.warn("still cannot push metrics to InfluxDB at " + where() + ": " + failure + " (" + failures
                    + " failed pushes in a row)");
            lastLogged = now;
        }
    }

    /** The InfluxDB URL as logged: without user information, should the URI hold any. */
    private String where() {
        URI uri = influx.uri();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private Duration timeout() {
        Duration step = influx.step();
        return step.compareTo(Duration.ofSeconds(10)) < 0 ? step : Duration.ofSeconds(10);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
