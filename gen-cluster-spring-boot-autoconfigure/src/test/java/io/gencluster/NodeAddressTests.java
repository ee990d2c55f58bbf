package io.gencluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NodeAddressTests {

    @ParameterizedTest
    @ValueSource(strings = { "evil\nINFO forged@10.0.0.5:4370", "orders@10.0.0.5\u001b[31m:4370", "a\u0000b@h:1" })
    void refusesControlCharactersWithoutQuotingThemSoNoLogLineCanBeForged(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> NodeAddress.parse(text))
            .withMessageContaining("control characters")
            .withMessageNotContaining("forged")
            .withMessageNotContaining("\u001b")
            .withMessageNotContaining("\n");
        assertThatIllegalArgumentException().isThrownBy(() -> new NodeAddress(null, text, 1))
            .withMessageContaining("host: it contains control characters");
    }

    @Test
    void refusesNodeNamesWithControlCharacters() {
        assertThatIllegalArgumentException().isThrownBy(() -> new NodeAddress("evil\r\nWARN x", "h", 1))
            .withMessage("Invalid node name: it contains control characters");
    }

    @Test
    void refusesOverlongPartsWithoutQuotingThem() {
        String longName = "n".repeat(256);
        assertThatIllegalArgumentException().isThrownBy(() -> new NodeAddress(longName, "h", 1))
            .withMessageContaining("longer than 255")
            .withMessageNotContaining(longName);
        assertThatIllegalArgumentException().isThrownBy(() -> NodeAddress.parse("x".repeat(100_000)))
            .withMessageNotContaining("xxxxxxxx");
        assertThat(new NodeAddress("n".repeat(255), "h", 1).name()).hasSize(255);
    }

    @Test
    void parsesNameHostAndPort() {
        NodeAddress address = NodeAddress.parse("orders@10.0.0.5:4370");
        assertThat(address).isEqualTo(new NodeAddress("orders", "10.0.0.5", 4370));
        assertThat(address).hasToString("orders@10.0.0.5:4370");
    }

    @Test
    void parsesHostAndPortWithoutName() {
        assertThat(NodeAddress.parse("node1.example.org:4371")).isEqualTo(NodeAddress.of("node1.example.org", 4371));
    }

    @Test
    void parsesBareHostWithUnspecifiedPort() {
        NodeAddress address = NodeAddress.parse("10.0.0.6");
        assertThat(address.hasPort()).isFalse();
        assertThat(address.withDefaultPort(4370)).isEqualTo(NodeAddress.of("10.0.0.6", 4370));
    }

    @Test
    void parsesBracketedIpv6WithPortAndName() {
        NodeAddress address = NodeAddress.parse("a@[::1]:4370");
        assertThat(address).isEqualTo(new NodeAddress("a", "::1", 4370));
        assertThat(address.isIpv6Literal()).isTrue();
        assertThat(address).hasToString("a@[::1]:4370");
        assertThat(NodeAddress.parse(address.toString())).isEqualTo(address);
    }

    @Test
    void parsesBareIpv6WithoutPort() {
        assertThat(NodeAddress.parse("fd00::5")).isEqualTo(NodeAddress.of("fd00::5"));
        assertThat(NodeAddress.parse("[fd00::5]")).isEqualTo(NodeAddress.of("fd00::5"));
    }

    @Test
    void writesIpv6LiteralsInTheirShortestForm() {
        assertThat(NodeAddress.parse("[FD00:0:0:0:0:0:0:1]:4370")).isEqualTo(NodeAddress.parse("[fd00::1]:4370"));
        assertThat(NodeAddress.of("fd00:0:0:0:0:0:0:1").host()).isEqualTo("fd00::1");
        assertThat(NodeAddress.of("0:0:0:0:0:0:0:1").host()).isEqualTo("::1");
        assertThat(NodeAddress.of("2001:db8:0:1:0:0:0:1").host()).isEqualTo("2001:db8:0:1::1");
        assertThat(NodeAddress.of("2001:db8:1:2:3:4:5:6").host()).isEqualTo("2001:db8:1:2:3:4:5:6");
    }

    @Test
    void rejectsAHostWithColonsThatIsNoIpv6Literal() {
        assertThatIllegalArgumentException().isThrownBy(() -> NodeAddress.parse("a:b:c"))
            .withMessageContaining("is not an IPv6 address");
    }

    @Test
    void normalisesCaseAndTrailingDot() {
        assertThat(NodeAddress.parse("Node1.Example.ORG.:4370")).isEqualTo(NodeAddress.of("node1.example.org", 4370));
    }

    @Test
    void keepsItsPortWhenGivenAndDropsItsNameOnRequest() {
        NodeAddress address = NodeAddress.parse("x@h:5");
        assertThat(address.withDefaultPort(9)).isSameAs(address);
        assertThat(address.withoutName()).isEqualTo(NodeAddress.of("h", 5));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  ", "@host", "host:", "host:0", "host:65536", "host:http", "[::1", "[::1]x", "a b:1",
            "x@" })
    void rejectsMalformedAddressesNamingTheText(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> NodeAddress.parse(text)).withMessageContaining("address");
    }

    @Test
    void errorNamesTheBadPort() {
        assertThatIllegalArgumentException().isThrownBy(() -> NodeAddress.parse("h:99999"))
            .withMessage("Invalid node address 'h:99999': port '99999' is not a number from 1 to 65535");
    }

}
