package dev.sluice.sources.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV (comma, double quotes doubled inside quoted values, LF or CRLF line ends) into rows of
 * values; an unquoted empty value is {@code null}, a quoted one {@code ""}. Stateless and thread-safe.
 */
public final class CsvRows {
    private CsvRows() {}

    /** @throws IllegalArgumentException for a quote left open */
    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(wasQuoted || value.length() > 0 ? value.toString() : null);
                value.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(wasQuoted || value.length() > 0 ? value.toString() : null);
                rows.add(row);
                row = new ArrayList<>();
                value.setLength(0);
                wasQuoted = false;
            } else {
                value.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted value is not closed");
        }
        if (value.length() > 0 || wasQuoted || !row.isEmpty()) {
            row.add(wasQuoted || value.length() > 0 ? value.toString() : null);
            rows.add(row);
        }
        return rows;
    }
}
