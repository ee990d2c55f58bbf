package io.gencluster.transport.tcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host a node advertises when none is configured: the bind address when it names one
 * interface, else the first site-local IPv4 address of an interface that is up, else the
 * local host's address.
 */
final class AdvertisedHost {

    private static final Logger logger = LoggerFactory.getLogger(TcpTransport.class);

    private AdvertisedHost() {
    }

    /** The host to advertise for a bind address. */
    static String derive(String bindAddress) throws UnknownHostException {
        InetAddress bind = InetAddress.getByName(bindAddress);
        if (!bind.isAnyLocalAddress()) {
            return bindAddress;
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && address.isSiteLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        catch (SocketException ex) {
            logger.debug("Could not list network interfaces: {}", ex.toString());
        }
        return InetAddress.getLocalHost().getHostAddress();
    }

}
