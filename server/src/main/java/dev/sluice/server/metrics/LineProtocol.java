package dev.sluice.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prometheus' text exposition format (as {@code /metrics} serves it) to InfluxDB line protocol, one
 * point per sample, so that InfluxDB holds the same names Prometheus does: the sample's name is the
 * measurement ({@code sluice_events_received_total}, {@code sluice_load_seconds_bucket}), its labels
 * are the tags, its value is the field {@code value}, all at one timestamp in milliseconds. Samples
 * whose value InfluxDB cannot store ({@code NaN}, {@code ±Inf}) are left out; a label with an empty
 * value is left out (InfluxDB has no empty tag values).
 *
 * <p>Stateless and thread-safe.
 */
final class LineProtocol {
    private LineProtocol() {}

    /**
     * @param exposition Prometheus' text format 0.0.4
     * @param timestampMillis the points' time
     * @return the points, one a line (each ending in a newline); empty when there are none
     */
    static String fromPrometheus(String exposition, long timestampMillis) {
        StringBuilder out = new StringBuilder(exposition.length() + exposition.length() / 4);
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            sample(line, timestampMillis, out);
        }
        return out.toString();
    }

    private static void sample(String line, long timestampMillis, StringBuilder out) {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
            at++;
        }
        String name = line.substring(0, at);
        List<String[]> labels = new ArrayList<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                int equals = line.indexOf('=', at);
                String key = line.substring(at, equals).trim();
                at = equals + 2; // past ="
                StringBuilder value = new StringBuilder();
                for (; line.charAt(at) != '"'; at++) {
                    char c = line.charAt(at);
                    if (c == '\\') {
                        char next = line.charAt(++at);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                at++; // past the closing quote
                labels.add(new String[] {key, value.toString()});
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        String[] rest = line.substring(at).trim().split("\\s+");
        double value;
        try {
            value = Double.parseDouble(rest[0]);
        } catch (NumberFormatException e) {
            return; // NaN, +Inf and -Inf parse; anything else is not a sample
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        escape(name, out, false);
        labels.sort((a, b) -> a[0].compareTo(b[0])); // InfluxDB's recommended order: tags sorted by key
        for (String[] label : labels) {
            if (label[1].isEmpty()) {
                continue;
            }
            out.append(',');
            escape(label[0], out, true);
            out.append('=');
            escape(label[1], out, true);
        }
        out.append(" value=").append(number(value)).append(' ').append(timestampMillis).append('\n');
    }

    /** A float field value: InfluxDB reads a number without {@code i} as a float. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return Double.toString(value);
    }

    /**
     * Escapes a measurement ({@code tag} false: commas and spaces) or a tag key or value ({@code tag} true:
     * commas, equals signs and spaces), as line protocol requires; a newline cannot be escaped and becomes a
     * space.
     */
    private static void escape(String text, StringBuilder out, boolean tag) {
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c == '\n' || c == '\r') {
                out.append("\\ ");
            } else if (c == ',' || c == ' ' || (tag && c == '=')) {
                out.append('\\').append(c);
            } else if (c == '\\' && index == text.length() - 1) {
                out.append("\\\\"); // a trailing backslash would escape the separator after it
            } else {
                out.append(c);
            }
        }
    }
}
