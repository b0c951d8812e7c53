package dev.sluice.server.collect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The proxies ({@code collector.trusted-proxies}: addresses and CIDR ranges) whose
 * {@code X-Forwarded-For} header the collector believes when it sets {@code context.ip}. A request
 * from any other address is the client itself, and its header is ignored: anyone can send one.
 *
 * <p>The client is found as nginx's {@code real_ip_recursive} finds it: the header's addresses are
 * read from the right (the last one was added by the proxy that connected to us), skipping trusted
 * proxies; the first address that is not one is the client. When every address is a trusted proxy,
 * the leftmost is. An entry that is not an IP address ends the walk: what lies to its left was
 * written by someone the collector cannot vouch for, so the nearest address checked is taken.
 *
 * <p>Immutable and thread-safe. Addresses are parsed as literals only: never a DNS lookup.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int index = 0; index < full; index++) {
                if (address[index] != network[index]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            return rest == 0 || ((address[full] ^ network[full]) & (0xFF << (8 - rest))) == 0;
        }
    }

    private final List<String> specs;
    private final List<Range> ranges;

    private TrustedProxies(List<String> specs, List<Range> ranges) {
        this.specs = List.copyOf(specs);
        this.ranges = List.copyOf(ranges);
    }

    /**
     * @param specs addresses ({@code 10.0.0.7}, {@code ::1}) and CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8})
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static TrustedProxies of(List<String> specs) {
        List<Range> ranges = new ArrayList<>();
        for (String spec : specs) {
            String trimmed = spec.trim();
            int slash = trimmed.indexOf('/');
            byte[] address = parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("\"" + spec + "\" is not an IP address or a CIDR range such as"
                        + " 10.0.0.0/8");
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(trimmed.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("\"" + spec + "\": the prefix length must be 0.."
                            + address.length * 8);
                }
            }
            ranges.add(new Range(address, bits));
        }
        return new TrustedProxies(specs, ranges);
    }

    /** The entries as configured. */
    public List<String> specs() {
        return specs;
    }

    /**
     * @param peer the address the request came from (the socket's remote address)
     * @param forwardedFor the {@code X-Forwarded-For} values, comma-separated, or {@code null}
     * @return the client's address: {@code peer} unless it is a trusted proxy that forwarded the request
     */
    public String clientAddress(String peer, String forwardedFor) {
        if (ranges.isEmpty() || forwardedFor == null || forwardedFor.isBlank() || !trusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int index = hops.length - 1; index >= 0; index--) {
            String hop = hops[index].trim();
            if (parse(hop) == null) {
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        byte[] bytes = parse(address);
        return bytes != null && ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    /** The address's bytes (4 or 16), or {@code null} when the text is not an IP literal. */
    private static byte[] parse(String text) {
        if (text == null || !LITERAL.matcher(text).matches() || (text.indexOf('.') < 0 && text.indexOf(':') < 0)) {
            return null;
        }
        if (text.indexOf(':') < 0 && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null; // InetAddress would read "10.1" as 10.0.0.1
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedProxies proxies && proxies.specs.equals(specs);
    }

    @Override
    public int hashCode() {
        return specs.hashCode();
    }

    @Override
    public String toString() {
        return "TrustedProxies" + specs;
    }
}
