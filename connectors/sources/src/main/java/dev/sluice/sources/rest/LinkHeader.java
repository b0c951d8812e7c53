package dev.sluice.sources.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RFC 8288 {@code Link} headers: {@code <https://api.example.com/items?page=2>; rel="next",
 * <...>; rel="last"}. Stateless and thread-safe.
 */
final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))", Pattern.CASE_INSENSITIVE);

    private LinkHeader() {}

    /** The target of the link whose {@code rel} includes {@code next}, or {@code null}. */
    static String next(String header) {
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL.matcher(link.group(2));
            while (rel.find()) {
                String relations = rel.group(1) != null ? rel.group(1) : rel.group(2);
                for (String relation : relations.trim().split("\\s+")) {
                    if (relation.equalsIgnoreCase("next")) {
                        return link.group(1).trim();
                    }
                }
            }
        }
        return null;
    }
}
