package io.gencluster.membership;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IpNetworkTests {

    @Test
    void anIpv4BlockHoldsTheAddressesThatShareItsPrefix() {
        IpNetwork block = IpNetwork.parse("10.1.0.0/16");

        assertThat(block.contains("10.1.0.0")).isTrue();
        assertThat(block.contains("10.1.255.255")).isTrue();
        assertThat(block.contains("10.2.0.1")).isFalse();
        assertThat(block).hasToString("10.1.0.0/16");
    }

    @Test
    void aPrefixThatIsNotAWholeByteComparesOnlyItsBits() {
        IpNetwork block = IpNetwork.parse("192.168.1.64/27");

        assertThat(block.contains("192.168.1.64")).isTrue();
        assertThat(block.contains("192.168.1.95")).isTrue();
        assertThat(block.contains("192.168.1.96")).isFalse();
        assertThat(block.contains("192.168.1.63")).isFalse();
    }

    @Test
    void anIpv6BlockHoldsIpv6LiteralsWithOrWithoutBrackets() {
        IpNetwork block = IpNetwork.parse("fd00:10::/32");

        assertThat(block.contains("fd00:10::1")).isTrue();
        assertThat(block.contains("[fd00:10:ffff::1]")).isTrue();
        assertThat(block.contains("fd00:11::1")).isFalse();
        assertThat(block.contains("10.0.0.1")).as("another family").isFalse();
    }

    @Test
    void aBareAddressIsABlockOfOneAndSlashZeroHoldsItsWholeFamily() {
        assertThat(IpNetwork.parse("10.0.0.7").contains("10.0.0.7")).isTrue();
        assertThat(IpNetwork.parse("10.0.0.7").contains("10.0.0.6")).isFalse();
        assertThat(IpNetwork.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThat(IpNetwork.parse("::/0").contains("2001:db8::1")).isTrue();
    }

    @Test
    void hostNamesAreNeverInsideAndNeverLookedUp() {
        IpNetwork everything = IpNetwork.parse("0.0.0.0/0");

        assertThat(everything.contains("localhost")).isFalse();
        assertThat(everything.contains("10.0.0.1.example.com")).isFalse();
        assertThat(everything.contains("999.0.0.1")).isFalse();
    }

    @Test
    void malformedBlocksAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> IpNetwork.parse("10.0.0.0/33"))
            .withMessageContaining("/33");
        assertThatIllegalArgumentException().isThrownBy(() -> IpNetwork.parse("fd00::/129"));
        assertThatIllegalArgumentException().isThrownBy(() -> IpNetwork.parse("db.internal/24"))
            .withMessageContaining("CIDR");
        assertThatIllegalArgumentException().isThrownBy(() -> IpNetwork.parse("10.0.0.0/x"));
    }

}
