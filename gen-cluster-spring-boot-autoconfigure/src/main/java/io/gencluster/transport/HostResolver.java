package io.gencluster.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host of a {@link io.gencluster.NodeAddress} into IP addresses to dial. Called
 * off the network threads; may block. DNS discovery supplies one that asks its own name
 * servers, so names only those servers know still connect.
 */
@FunctionalInterface
public interface HostResolver {

    /** The system resolver ({@code /etc/hosts}, then the configured DNS). */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /**
     * Resolves a host name or IP literal.
     * @return at least one address
     * @throws UnknownHostException when the host is unknown
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

}
