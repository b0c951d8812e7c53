package dev.sluice.engine.sync;

import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.spi.destination.Destination;
import dev.sluice.spi.destination.DestinationCapabilities;
import dev.sluice.spi.destination.DestinationException;
import dev.sluice.spi.destination.DestinationRecord;
import dev.sluice.spi.destination.DestinationRowResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets of a sync's destination, kept out of every message, log line, stored error and API answer
 * (a destination may echo a request's headers in its error body): each value substituted for an
 * {@code ${env.NAME}} reference in its settings; the whole value of each setting whose name says it
 * holds a credential ({@code token}, {@code key}, {@code secret}, {@code password}, {@code
 * authorization}, {@code credential}), and its part after an auth scheme ({@code Bearer xyz}); and the
 * HTTP Basic credentials a connector builds from two settings. Each is also matched JSON-escaped and
 * URL-encoded. Values shorter than {@value #SHORTEST} characters are left alone: they would mask
 * ordinary words. Immutable and thread-safe.
 */
final class SyncSecrets {
    static final String MASK = "[redacted]";
    static final int SHORTEST = 6;
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i).*(token|key|secret|password|authorization|credential).*");
    private final List<String> secrets;

    private SyncSecrets(Set<String> secrets) {
        List<String> sorted = new ArrayList<>(secrets);
        // Longest first, so that a secret holding another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    /** @throws dev.sluice.engine.SluiceException when a variable a setting needs is not set */
    static SyncSecrets of(SyncDefinition sync, EnvironmentInterpolator environment) {
        Set<String> found = new LinkedHashSet<>();
        List<String> values = new ArrayList<>();
        sync.destinationSettings().forEach((name, raw) -> {
            String where = sync.where("destination." + name);
            String value = environment.interpolate(raw, where);
            values.add(value);
            found.addAll(environment.substitutions(raw, where));
            if (CREDENTIAL.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                found.add(value);
                String[] words = value.strip().split("\\s+");
                found.add(words[words.length - 1]);
            }
        });
        for (String user : values) {
            for (String password : values) {
                found.add(Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)));
            }
        }
        Set<String> secrets = new LinkedHashSet<>();
        for (String secret : found) {
            if (secret != null && secret.length() >= SHORTEST) {
                secrets.add(secret);
                secrets.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
                secrets.add(secret.replace("\\", "\\\\").replace("\"", "\\\""));
                secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            }
        }
        return new SyncSecrets(secrets);
    }

    /** {@code text} with every secret replaced by {@value #MASK}; {@code null} stays {@code null}. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, MASK);
        }
        return redacted;
    }

    DestinationRowResult redact(DestinationRowResult result) {
        return new DestinationRowResult(result.key(), result.status(), result.httpStatus(), redact(result.response()),
                redact(result.error()));
    }

    /** A copy without secrets; the cause is left out, since its text may hold them. */
    DestinationException redact(DestinationException e) {
        return new DestinationException(e.failure(), redact(e.getMessage()), e.httpStatus(), redact(e.response()),
                e.retryAfter().orElse(null), null);
    }

    /** {@code destination}, with secrets taken out of its answers and failures. */
    Destination guard(Destination destination) {
        return new Destination() {
            @Override
            public DestinationCapabilities capabilities() {
                return destination.capabilities();
            }

            @Override
            public List<DestinationRowResult> send(List<DestinationRecord> batch) {
                try {
                    return destination.send(batch).stream().map(SyncSecrets.this::redact).toList();
                } catch (DestinationException e) {
                    throw redact(e);
                }
            }

            @Override
            public void close() {
                destination.close();
            }
        };
    }
}
