package dev.sluice.server.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void theClientIsTheFirstAddressFromTheRightThatIsNotATrustedProxy() {
        assertThat(proxies.clientAddress("10.1.2.3", "198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(proxies.clientAddress("10.1.2.3", "1.1.1.1, 198.51.100.7, 192.168.1.7")).isEqualTo("198.51.100.7");
        assertThat(proxies.clientAddress("fd12::1", "2001:db8::5")).isEqualTo("2001:db8::5");
        assertThat(proxies.clientAddress("10.1.2.3", "10.9.9.9, 10.8.8.8")).as("all trusted: the leftmost").isEqualTo("10.9.9.9");
    }

    @Test
    void theHeaderIsIgnoredFromAnyoneElseAndGarbageIsNotBelieved() {
        assertThat(proxies.clientAddress("203.0.113.1", "198.51.100.7")).isEqualTo("203.0.113.1");
        assertThat(proxies.clientAddress("192.168.1.8", "198.51.100.7")).as("one address, not its /24").isEqualTo("192.168.1.8");
        assertThat(proxies.clientAddress("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(proxies.clientAddress("10.1.2.3", "198.51.100.7, unknown, 10.2.2.2")).isEqualTo("10.2.2.2");
        assertThat(proxies.clientAddress("10.1.2.3", null)).isEqualTo("10.1.2.3");
        assertThat(TrustedProxies.NONE.clientAddress("10.1.2.3", "198.51.100.7")).isEqualTo("10.1.2.3");
    }

    @Test
    void anEntryThatIsNotAnAddressOrRangeIsNamed() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal"))).hasMessageContaining("\"proxy.internal\" is not an IP address");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length must be 0..32");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.1"))).hasMessageContaining("\"10.1\" is not an IP address");
    }
}
