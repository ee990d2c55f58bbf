package io.gencluster.benchmarks;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The JGroups protocol stack of the benchmark: the stack of JGroups' own {@code tcp.xml}
 * (TCP transport, TCPPING listing every node, MERGE3, FD_SOCK2, FD_ALL3, VERIFY_SUSPECT2,
 * NAKACK2, UNICAST3, STABLE, GMS, flow control, FRAG2) on loopback, with failure
 * detection matched to the given {@link Heartbeats}. Above {@link #MAX_TCP_NODES} nodes
 * the transport is TCP_NIO2, JGroups' NIO variant of TCP: plain TCP runs a receiver
 * thread per connection, and 100 nodes in one JVM would need about 10,000 of them.
 */
final class JGroupsStack {

    /** The largest cluster that runs on the plain TCP transport. */
    static final int MAX_TCP_NODES = 10;

    private JGroupsStack() {
    }

    /** The transport protocol used for a cluster of that size. */
    static String transport(int nodes) {
        return nodes > MAX_TCP_NODES ? "TCP_NIO2" : "TCP";
    }

    /**
     * The XML configuration of a node listening on {@code port} in a cluster of
     * {@code ports}.
     */
    static String xml(int port, List<Integer> ports, Heartbeats heartbeats) {
        String hosts = ports.stream().map(p -> "127.0.0.1[" + p + "]").collect(Collectors.joining(","));
        return """
                <config xmlns="urn:org:jgroups">
                    <%s bind_addr="127.0.0.1" bind_port="%d" port_range="0" recv_buf_size="0" send_buf_size="0"
                         sock_conn_timeout="300ms" diag.enabled="false"
                         thread_pool.min_threads="0" thread_pool.max_threads="200" thread_pool.keep_alive_time="60s"/>
                    <TCPPING async_discovery="true" initial_hosts="%s" port_range="0"/>
                    <MERGE3 min_interval="10s" max_interval="30s"/>
                    <FD_SOCK2 offset="%d"/>
                    <FD_ALL3 timeout="%d" interval="%d"/>
                    <VERIFY_SUSPECT2 timeout="%d"/>
                    <BARRIER/>
                    <pbcast.NAKACK2 use_mcast_xmit="false"/>
                    <UNICAST3/>
                    <pbcast.STABLE desired_avg_gossip="50s" max_bytes="4M"/>
                    <pbcast.GMS print_local_addr="false" join_timeout="2s"/>
                    <MFC max_credits="2M" min_threshold="0.4"/>
                    <UFC max_credits="2M" min_threshold="0.4"/>
                    <FRAG2 frag_size="60K"/>
                </config>
                """.formatted(transport(ports.size()), port, hosts, FreePorts.SIDE_OFFSET,
                heartbeats.timeout().toMillis(), heartbeats.interval().toMillis(),
                heartbeats.verifySuspect().toMillis());
    }

}
