package dev.sluice.server.realtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The credentials among a destination's settings (values of settings named like {@code token}, {@code key},
 * {@code secret}, {@code password}, {@code authorization}; the part after an auth scheme, {@code Bearer
 * xyz}; and every text an {@code ${env.NAME}} reference put in a setting), masked in every error the destination's failures record: a destination may echo a request's
 * headers. Values shorter than 6 characters are left alone; they would mask ordinary words. Immutable and
 * thread-safe.
 */
final class SettingSecrets {
    static final String MASK = "[redacted]";
    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(token|key|secret|password|authorization|credential).*");
    private final List<String> secrets;

    SettingSecrets(DestinationConfig config) {
        this(config.settings(), config.fromEnvironment());
    }

    SettingSecrets(Map<String, String> settings, Set<String> fromEnvironment) {
        Set<String> found = new LinkedHashSet<>(fromEnvironment);
        settings.forEach((name, value) -> {
            if (value != null && CREDENTIAL.matcher(name).matches()) {
                found.add(value);
                String[] words = value.strip().split("\\s+");
                found.add(words[words.length - 1]);
            }
        });
        List<String> sorted = new ArrayList<>(found.stream().filter(secret -> secret.length() >= 6).toList());
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

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
}
