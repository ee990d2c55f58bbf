package io.gencluster.transport.tcp;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

/**
 * The host a node advertises when none is configured ({@link AdvertisedHost}). The
 * machine's interfaces are replaced by made-up ones (a static mock of
 * {@link NetworkInterface}), so that every rule is exercised whatever interfaces the
 * machine running the test has; the transport's own tests run on real sockets.
 */
class AdvertisedHostTests {

    private final TestTransports transports = new TestTransports();

    @AfterEach
    void stop() {
        transports.close();
    }

    /**
     * Fails if a bind address that names one interface is not advertised as written (the
     * {@code isAnyLocalAddress()} check inverted): the node would advertise an address of
     * another interface, where it does not listen.
     */
    @Test
    void aBindAddressThatNamesOneInterfaceIsAdvertisedAsWritten() throws Exception {
        assertThat(AdvertisedHost.derive("localhost")).isEqualTo("localhost");
        assertThat(AdvertisedHost.derive("127.0.0.1")).isEqualTo("127.0.0.1");
    }

    /**
     * Fails if any of the interface rules is dropped or inverted: an interface that is
     * down, the loopback interface, an IPv6 site-local address and a public IPv4 address
     * each come before the one address that qualifies, and each would be advertised
     * instead.
     */
    @Test
    void boundToEveryInterfaceItAdvertisesTheFirstSiteLocalIPv4AddressOfAnInterfaceThatIsUp() throws Exception {
        List<NetworkInterface> interfaces = List.of(nic(false, false, "10.0.0.1"), nic(true, true, "10.0.0.2"),
                nic(true, false, "fec0::1", "203.0.113.5", "192.168.1.7", "10.0.0.3"));
        try (MockedStatic<NetworkInterface> machine = mockStatic(NetworkInterface.class)) {
            machine.when(NetworkInterface::getNetworkInterfaces).thenReturn(Collections.enumeration(interfaces));

            assertThat(AdvertisedHost.derive("0.0.0.0")).isEqualTo("192.168.1.7");
        }
    }

    /**
     * Fails if a machine without a site-local IPv4 address on an interface that is up, or
     * whose interfaces cannot be listed, advertises anything but its local host's
     * address.
     */
    @Test
    void withoutASiteLocalAddressItAdvertisesTheLocalHostsAddress() throws Exception {
        String localHost = InetAddress.getLocalHost().getHostAddress();
        List<NetworkInterface> interfaces = List.of(nic(true, false, "203.0.113.5", "fe80::1"));
        try (MockedStatic<NetworkInterface> machine = mockStatic(NetworkInterface.class)) {
            machine.when(NetworkInterface::getNetworkInterfaces).thenReturn(Collections.enumeration(interfaces));
            assertThat(AdvertisedHost.derive("0.0.0.0")).isEqualTo(localHost);

            machine.when(NetworkInterface::getNetworkInterfaces).thenThrow(new SocketException("no interfaces"));
            assertThat(AdvertisedHost.derive("0.0.0.0")).isEqualTo(localHost);
        }
    }

    /**
     * Fails if a transport bound to every interface without an advertise host does not
     * advertise the derived host ({@link TcpTransport#start}), or cannot be reached
     * there.
     */
    @Test
    void aTransportBoundToEveryInterfaceAdvertisesTheDerivedHostAndIsReachedThere() throws Exception {
        TestTransports.Node anywhere = transports.start("anywhere", settings -> advertising(settings, "0.0.0.0", null));
        TestTransports.Node dialler = transports.start("dialler");

        assertThat(anywhere.address().host()).isEqualTo(AdvertisedHost.derive("0.0.0.0")).isNotEqualTo("0.0.0.0");
        ClusterNode member = dialler.transport()
            .connect(anywhere.address())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        assertThat(member.isSameIncarnation(anywhere.self())).isTrue();
    }

    /**
     * Fails if a configured advertise host is not advertised as configured when the
     * transport is bound to every interface (the {@code advertiseHost() != null} check of
     * {@link TcpTransport#start} inverted).
     */
    @Test
    void aConfiguredAdvertiseHostIsAdvertisedAsConfigured() throws Exception {
        TestTransports.Node node = transports.start("named",
                settings -> advertising(settings, "0.0.0.0", "named.cluster.test"));

        assertThat(node.address().host()).isEqualTo("named.cluster.test");
    }

    private static TcpTransportSettings advertising(TcpTransportSettings settings, String bindAddress,
            String advertiseHost) {
        return new TcpTransportSettings(settings.nodeName(), bindAddress, 0, advertiseHost, settings.cookie(),
                settings.connectTimeout(), settings.handshakeTimeout(), settings.heartbeatInterval(),
                settings.heartbeatTimeout(), settings.connectAll(), settings.maxFrameSize(), settings.hostResolver(),
                null, null);
    }

    private static NetworkInterface nic(boolean up, boolean loopback, String... addresses) throws Exception {
        NetworkInterface nic = mock(NetworkInterface.class);
        when(nic.isUp()).thenReturn(up);
        when(nic.isLoopback()).thenReturn(loopback);
        List<InetAddress> inet = new ArrayList<>();
        for (String address : addresses) {
            inet.add(InetAddress.getByName(address));
        }
        when(nic.getInetAddresses()).thenAnswer(invocation -> Collections.enumeration(inet));
        return nic;
    }

}
