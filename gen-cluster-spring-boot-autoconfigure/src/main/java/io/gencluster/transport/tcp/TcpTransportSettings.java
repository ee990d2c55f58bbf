package io.gencluster.transport.tcp;

import java.time.Duration;
import java.util.Objects;

import io.gencluster.transport.HostResolver;
import io.netty.handler.ssl.SslContext;

/**
 * How a {@link TcpTransport} listens, identifies itself, authenticates peers and watches
 * links. Every value is checked here, so a bad one fails at once with a message naming
 * the setting, the value and what is accepted.
 *
 * @param nodeName the name part of this node's id
 * @param bindAddress the local address to listen on ({@code 0.0.0.0} or {@code ::} for
 * every interface)
 * @param port the port to listen on, 0 for any free port
 * @param advertiseHost the host peers should dial, or {@code null} to derive it from the
 * bind address
 * @param cookie the shared secret every node of the cluster must hold; it never crosses
 * the wire
 * @param connectTimeout how long a TCP connect may take
 * @param handshakeTimeout how long a new link may take to authenticate before it is
 * closed
 * @param heartbeatInterval how long a link may stay idle before a heartbeat is sent on it
 * @param heartbeatTimeout how long a link may receive nothing before it is closed as dead
 * @param connectAll whether to tell members about each other (Erlang's {@code global}) so
 * they connect
 * @param maxFrameSize the largest frame (type and payload) sent or accepted, in bytes
 * @param hostResolver turns hosts into addresses to dial; called off the network threads
 * @param serverSslContext TLS for links peers dial to this node, or {@code null} for
 * plaintext
 * @param clientSslContext TLS for links this node dials, or {@code null} for plaintext
 * @param maxUnauthenticated how many accepted connections may be in the handshake at
 * once; more are closed at once
 * @param maxUnauthenticatedPerAddress how many of those may come from one source address
 * @param outboundHighWaterMark how many bytes may wait to be written on one link before
 * sending application messages on it fails at once (heartbeats and goodbyes still go)
 */
public record TcpTransportSettings(String nodeName, String bindAddress, int port, String advertiseHost, String cookie,
        Duration connectTimeout, Duration handshakeTimeout, Duration heartbeatInterval, Duration heartbeatTimeout,
        boolean connectAll, int maxFrameSize, HostResolver hostResolver, SslContext serverSslContext,
        SslContext clientSslContext, int maxUnauthenticated, int maxUnauthenticatedPerAddress,
        int outboundHighWaterMark) {

    /** The port a node listens on unless told otherwise. */
    public static final int DEFAULT_PORT = 4370;

    /** The largest frame by default: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1024 * 1024;

    /**
     * The smallest allowed maximum frame size: the largest metadata frame fits with room
     * to spare.
     */
    public static final int MIN_MAX_FRAME_SIZE = 8 * 1024;

    /**
     * The shortest cookie accepted: a shorter one can be guessed offline from one
     * captured handshake.
     */
    public static final int MIN_COOKIE_LENGTH = 16;

    /** How many accepted connections may be unauthenticated at once by default. */
    public static final int DEFAULT_MAX_UNAUTHENTICATED = 256;

    /**
     * How many accepted connections from one source address may be unauthenticated at
     * once by default.
     */
    public static final int DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS = 16;

    /** How many bytes may wait to be written on one link by default: 4 MiB. */
    public static final int DEFAULT_OUTBOUND_HIGH_WATER_MARK = 4 * 1024 * 1024;

    /** The smallest allowed outbound high-water mark. */
    public static final int MIN_OUTBOUND_HIGH_WATER_MARK = 64 * 1024;

    /**
     * Checks every value; each message names the setting, the value and what is accepted.
     */
    public TcpTransportSettings {
        if (nodeName == null || nodeName.isBlank() || nodeName.contains("@")
                || nodeName.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "Invalid node name '" + nodeName + "': a node name must be non-empty, without '@' or white space");
        }
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must be an IP address or host name, e.g. 0.0.0.0");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is invalid: use 1 to 65535, or 0 for any free port");
        }
        if (advertiseHost != null && advertiseHost.isBlank()) {
            throw new IllegalArgumentException("advertiseHost is blank: leave it null to derive it, or name a host");
        }
        if (cookie == null || cookie.strip().length() < MIN_COOKIE_LENGTH) {
            throw new IllegalArgumentException(
                    "cookie is shorter than " + MIN_COOKIE_LENGTH + " characters: " + CookieFile.HOW_TO_MAKE_ONE);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("handshakeTimeout", handshakeTimeout);
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("heartbeatTimeout", heartbeatTimeout);
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("heartbeatTimeout (" + heartbeatTimeout + ") must be longer than"
                    + " heartbeatInterval (" + heartbeatInterval + "), typically several intervals");
        }
        if (maxFrameSize < MIN_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("Maximum frame size " + maxFrameSize + " is too small: use at least "
                    + MIN_MAX_FRAME_SIZE + " bytes");
        }
        Objects.requireNonNull(hostResolver, "hostResolver");
        if (maxUnauthenticated < 1 || maxUnauthenticatedPerAddress < 1
                || maxUnauthenticatedPerAddress > maxUnauthenticated) {
            throw new IllegalArgumentException("Unauthenticated connection bounds " + maxUnauthenticated + " in all, "
                    + maxUnauthenticatedPerAddress + " per address are invalid: use at least 1 for each, and no"
                    + " more per address than in all");
        }
        if (outboundHighWaterMark < MIN_OUTBOUND_HIGH_WATER_MARK) {
            throw new IllegalArgumentException("Outbound high-water mark " + outboundHighWaterMark
                    + " is too small: use at least " + MIN_OUTBOUND_HIGH_WATER_MARK + " bytes");
        }
    }

    /** Settings with the default outbound high-water mark. */
    public TcpTransportSettings(String nodeName, String bindAddress, int port, String advertiseHost, String cookie,
            Duration connectTimeout, Duration handshakeTimeout, Duration heartbeatInterval, Duration heartbeatTimeout,
            boolean connectAll, int maxFrameSize, HostResolver hostResolver, SslContext serverSslContext,
            SslContext clientSslContext, int maxUnauthenticated, int maxUnauthenticatedPerAddress) {
        this(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout, handshakeTimeout, heartbeatInterval,
                heartbeatTimeout, connectAll, maxFrameSize, hostResolver, serverSslContext, clientSslContext,
                maxUnauthenticated, maxUnauthenticatedPerAddress, DEFAULT_OUTBOUND_HIGH_WATER_MARK);
    }

    /** Settings with the default bounds on unauthenticated connections. */
    public TcpTransportSettings(String nodeName, String bindAddress, int port, String advertiseHost, String cookie,
            Duration connectTimeout, Duration handshakeTimeout, Duration heartbeatInterval, Duration heartbeatTimeout,
            boolean connectAll, int maxFrameSize, HostResolver hostResolver, SslContext serverSslContext,
            SslContext clientSslContext) {
        this(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout, handshakeTimeout, heartbeatInterval,
                heartbeatTimeout, connectAll, maxFrameSize, hostResolver, serverSslContext, clientSslContext,
                DEFAULT_MAX_UNAUTHENTICATED, DEFAULT_MAX_UNAUTHENTICATED_PER_ADDRESS);
    }

    /**
     * The documented defaults: every interface on port 4370, 5s connect and handshake
     * timeouts, heartbeats every 2.5s with a 10s timeout, connect-all on, 1 MiB frames,
     * the system resolver, no TLS, at most 256 unauthenticated connections (16 per source
     * address).
     */
    public static TcpTransportSettings defaults(String nodeName, String cookie) {
        return new TcpTransportSettings(nodeName, "0.0.0.0", DEFAULT_PORT, null, cookie, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMillis(2500), Duration.ofSeconds(10), true, DEFAULT_MAX_FRAME_SIZE,
                HostResolver.SYSTEM, null, null);
    }

    /** These settings listening on another address and port. */
    public TcpTransportSettings withBind(String bindAddress, int port) {
        return new TcpTransportSettings(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout,
                handshakeTimeout, heartbeatInterval, heartbeatTimeout, connectAll, maxFrameSize, hostResolver,
                serverSslContext, clientSslContext, maxUnauthenticated, maxUnauthenticatedPerAddress,
                outboundHighWaterMark);
    }

    /** These settings with another handshake deadline. */
    public TcpTransportSettings withHandshakeTimeout(Duration handshakeTimeout) {
        return new TcpTransportSettings(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout,
                handshakeTimeout, heartbeatInterval, heartbeatTimeout, connectAll, maxFrameSize, hostResolver,
                serverSslContext, clientSslContext, maxUnauthenticated, maxUnauthenticatedPerAddress,
                outboundHighWaterMark);
    }

    /** These settings with another heartbeat interval and timeout. */
    public TcpTransportSettings withHeartbeat(Duration heartbeatInterval, Duration heartbeatTimeout) {
        return new TcpTransportSettings(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout,
                handshakeTimeout, heartbeatInterval, heartbeatTimeout, connectAll, maxFrameSize, hostResolver,
                serverSslContext, clientSslContext, maxUnauthenticated, maxUnauthenticatedPerAddress,
                outboundHighWaterMark);
    }

    /** These settings with connect-all switched on or off. */
    public TcpTransportSettings withConnectAll(boolean connectAll) {
        return new TcpTransportSettings(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout,
                handshakeTimeout, heartbeatInterval, heartbeatTimeout, connectAll, maxFrameSize, hostResolver,
                serverSslContext, clientSslContext, maxUnauthenticated, maxUnauthenticatedPerAddress,
                outboundHighWaterMark);
    }

    /**
     * These settings resolving hosts with another resolver (DNS discovery's own name
     * servers, say).
     */
    public TcpTransportSettings withHostResolver(HostResolver hostResolver) {
        return new TcpTransportSettings(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout,
                handshakeTimeout, heartbeatInterval, heartbeatTimeout, connectAll, maxFrameSize, hostResolver,
                serverSslContext, clientSslContext, maxUnauthenticated, maxUnauthenticatedPerAddress,
                outboundHighWaterMark);
    }

    /**
     * These settings with TLS contexts for accepted and dialled links ({@code null} for
     * plaintext).
     */
    public TcpTransportSettings withTls(SslContext serverSslContext, SslContext clientSslContext) {
        return new TcpTransportSettings(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout,
                handshakeTimeout, heartbeatInterval, heartbeatTimeout, connectAll, maxFrameSize, hostResolver,
                serverSslContext, clientSslContext, maxUnauthenticated, maxUnauthenticatedPerAddress,
                outboundHighWaterMark);
    }

    /**
     * These settings with other bounds on accepted connections that have not
     * authenticated yet.
     */
    public TcpTransportSettings withUnauthenticatedLimits(int maxUnauthenticated, int maxUnauthenticatedPerAddress) {
        return new TcpTransportSettings(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout,
                handshakeTimeout, heartbeatInterval, heartbeatTimeout, connectAll, maxFrameSize, hostResolver,
                serverSslContext, clientSslContext, maxUnauthenticated, maxUnauthenticatedPerAddress,
                outboundHighWaterMark);
    }

    /** These settings with another outbound high-water mark per link. */
    public TcpTransportSettings withOutboundHighWaterMark(int outboundHighWaterMark) {
        return new TcpTransportSettings(nodeName, bindAddress, port, advertiseHost, cookie, connectTimeout,
                handshakeTimeout, heartbeatInterval, heartbeatTimeout, connectAll, maxFrameSize, hostResolver,
                serverSslContext, clientSslContext, maxUnauthenticated, maxUnauthenticatedPerAddress,
                outboundHighWaterMark);
    }

    /** Never shows the cookie. */
    @Override
    public String toString() {
        return "TcpTransportSettings[nodeName=" + nodeName + ", bind=" + bindAddress + ":" + port + ", advertiseHost="
                + advertiseHost + ", connectTimeout=" + connectTimeout + ", handshakeTimeout=" + handshakeTimeout
                + ", heartbeatInterval=" + heartbeatInterval + ", heartbeatTimeout=" + heartbeatTimeout
                + ", connectAll=" + connectAll + ", maxFrameSize=" + maxFrameSize + ", tls="
                + (serverSslContext != null || clientSslContext != null) + ", maxUnauthenticated=" + maxUnauthenticated
                + ", maxUnauthenticatedPerAddress=" + maxUnauthenticatedPerAddress + ", outboundHighWaterMark="
                + outboundHighWaterMark + "]";
    }

    private static void requirePositive(String setting, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(setting + " (" + value + ") must be a positive duration, e.g. 5s");
        }
    }
}
