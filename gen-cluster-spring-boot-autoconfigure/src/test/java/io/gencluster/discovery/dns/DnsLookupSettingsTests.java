package io.gencluster.discovery.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Parsing and checking of {@link DnsLookupSettings}.
 */
class DnsLookupSettingsTests {

    @Test
    void readsHostsPortsAndIpv6Literals() {
        DnsLookupSettings settings = new DnsLookupSettings(
                List.of("10.0.0.10", "10.0.0.11:5353", "[fd00::53]:5300", "fd00::54", "[fd00::55]"), null);

        assertThat(settings.servers()).containsExactly(new InetSocketAddress("10.0.0.10", 53),
                new InetSocketAddress("10.0.0.11", 5353), new InetSocketAddress("fd00::53", 5300),
                new InetSocketAddress("fd00::54", 53), new InetSocketAddress("fd00::55", 53));
        assertThat(settings.usesSystemConfiguration()).isFalse();
        assertThat(settings.lookupTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void usesTheSystemConfigurationWithoutNameservers() {
        assertThat(DnsLookupSettings.systemDefaults().usesSystemConfiguration()).isTrue();
        assertThat(new DnsLookupSettings(null, null).usesSystemConfiguration()).isTrue();
    }

    @Test
    void rejectsABadPortNamingTheEntry() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DnsLookupSettings(List.of("10.0.0.10:domain"), null))
            .withMessage("Invalid name server '10.0.0.10:domain': " + "port 'domain' is not a number from 1 to 65535; "
                    + "expected host, host:port, [ipv6]:port or an IPv6 literal");
        assertThatIllegalArgumentException().isThrownBy(() -> new DnsLookupSettings(List.of("10.0.0.10:70000"), null))
            .withMessageContaining("'10.0.0.10:70000'");
    }

    @Test
    void rejectsEmptyEntriesUnclosedBracketsAndUnknownHosts() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DnsLookupSettings(List.of(" "), null))
            .withMessageContaining("Invalid name server")
            .withMessageContaining("empty entry");
        assertThatIllegalArgumentException().isThrownBy(() -> new DnsLookupSettings(List.of("[fd00::53:53"), null))
            .withMessageContaining("'[fd00::53:53'")
            .withMessageContaining("'[' without ']'");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new DnsLookupSettings(List.of("no-such-host.invalid"), null))
            .withMessageContaining("'no-such-host.invalid'")
            .withMessageContaining("unknown host");
    }

    @Test
    void rejectsATimeoutThatIsNotPositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DnsLookupSettings(List.of(), Duration.ZERO))
            .withMessageContaining("Invalid DNS lookup timeout");
    }

}
