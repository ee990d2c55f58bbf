package io.gencluster.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;

import io.gencluster.NodeAddress;
import io.gencluster.NodeMetadata;
import io.gencluster.discovery.epmd.EpmdDiscovery;
import io.gencluster.membership.IpNetwork;
import io.gencluster.transport.tcp.CookieFile;
import io.gencluster.transport.tcp.TcpTransportSettings;

/**
 * The checks behind {@link GenClusterProperties#validate}: each rejected value names the
 * property (the binder adds the value) and says what is accepted. Property and value are
 * reported as users write them ({@code heartbeat-timeout}, {@code 500ms}), not as the
 * Java field and {@link Duration#toString()} would show them ({@code heartbeatTimeout},
 * {@code PT0.5S}).
 */
final class GenClusterPropertiesValidation {

    private static final String SPRING_CLOUD_CLIENT = "org.springframework.cloud.client.discovery.DiscoveryClient";

    private final GenClusterProperties properties;

    private final Errors errors;

    GenClusterPropertiesValidation(GenClusterProperties properties, Errors errors) {
        this.properties = properties;
        this.errors = errors;
    }

    void run() {
        checkNodeName();
        checkDiscovery();
        checkTransport();
        checkLimits();
        checkMetadata();
        checkMessaging();
        if (properties.getHealth().getMinMembers() < 0) {
            reject("health.minMembers", "must be 0 or more");
        }
    }

    private void checkNodeName() {
        String name = properties.getNodeName();
        if (name != null && (name.isBlank() || name.contains("@") || name.contains(":")
                || name.chars().anyMatch(Character::isWhitespace))) {
            reject("nodeName", "must be a non-empty name without '@', ':' or white space, such as 'orders'");
        }
    }

    private void checkDiscovery() {
        GenClusterProperties.Discovery discovery = properties.getDiscovery();
        List<DiscoveryKind> strategies = discovery.getStrategy();
        if (strategies.contains(DiscoveryKind.STATIC)) {
            List<String> nodes = discovery.getStatic().getNodes();
            if (nodes.isEmpty()) {
                reject("discovery.static.nodes", "must list at least one node (name@host:port, host:port or host) "
                        + "when gen-cluster.discovery.strategy includes static");
            }
            for (int i = 0; i < nodes.size(); i++) {
                try {
                    NodeAddress.parse(nodes.get(i));
                }
                catch (IllegalArgumentException ex) {
                    reject("discovery.static.nodes[" + i + "]", ex.getMessage());
                }
            }
        }
        GenClusterProperties.Dns dns = discovery.getDns();
        if (strategies.contains(DiscoveryKind.DNS)) {
            if (dns.getDomain() == null || dns.getDomain().isBlank()) {
                reject("discovery.dns.domain", "must name the DNS name to query (for SRV, such as "
                        + "_cluster._tcp.orders.prod.svc.cluster.local) when gen-cluster.discovery.strategy includes dns");
            }
            for (int i = 0; i < dns.getNameservers().size(); i++) {
                try {
                    NodeAddress address = NodeAddress.parse(dns.getNameservers().get(i));
                    if (address.name() != null) {
                        throw new IllegalArgumentException("a name server is host[:port], without a name");
                    }
                }
                catch (IllegalArgumentException ex) {
                    reject("discovery.dns.nameservers[" + i + "]", ex.getMessage());
                }
            }
        }
        checkPositive("discovery.dns.lookupTimeout", dns.getLookupTimeout());
        GenClusterProperties.Epmd epmd = discovery.getEpmd();
        checkPort("discovery.epmd.port", epmd.getPort(), 1);
        checkPositive("discovery.epmd.lookupTimeout", epmd.getLookupTimeout());
        if (strategies.contains(DiscoveryKind.SPRING_CLOUD)
                && !ClassUtils.isPresent(SPRING_CLOUD_CLIENT, GenClusterPropertiesValidation.class.getClassLoader())) {
            reject("discovery.strategy", "includes spring-cloud, which needs spring-cloud-commons and a discovery"
                    + " client (Consul, Eureka, Kubernetes, or spring.cloud.discovery.client.simple.instances)");
        }
        if (strategies.contains(DiscoveryKind.EPMD)) {
            if (epmd.getHosts().isEmpty()) {
                reject("discovery.epmd.hosts", "must list at least one host (localhost means this one)");
            }
            for (int i = 0; i < epmd.getHosts().size(); i++) {
                try {
                    EpmdDiscovery.parseHost(epmd.getHosts().get(i));
                }
                catch (IllegalArgumentException ex) {
                    reject("discovery.epmd.hosts[" + i + "]", ex.getMessage());
                }
            }
        }
    }

    private void checkTransport() {
        GenClusterProperties.Transport transport = properties.getTransport();
        checkPort("transport.port", transport.getPort(), 0);
        if (transport.getBindAddress() == null || transport.getBindAddress().isBlank()) {
            reject("transport.bindAddress", "must be a local address, such as 0.0.0.0 or 127.0.0.1");
        }
        if (transport.getAdvertiseHost() != null && transport.getAdvertiseHost().isBlank()) {
            reject("transport.advertiseHost", "must name a host, or be left unset to derive it from the bind address");
        }
        if (transport.getCookie() != null
                && transport.getCookie().strip().length() < TcpTransportSettings.MIN_COOKIE_LENGTH) {
            rejectSecret("transport.cookie",
                    "must be at least " + TcpTransportSettings.MIN_COOKIE_LENGTH + " characters: "
                            + CookieFile.HOW_TO_MAKE_ONE
                            + " (cookie: ${GEN_CLUSTER_COOKIE}), or remove the property to use ~/.gen-cluster.cookie");
        }
        checkPositive("transport.connectTimeout", transport.getConnectTimeout());
        checkPositive("transport.heartbeatInterval", transport.getHeartbeatInterval());
        checkPositive("transport.heartbeatTimeout", transport.getHeartbeatTimeout());
        if (transport.getHeartbeatInterval() != null && transport.getHeartbeatTimeout() != null
                && transport.getHeartbeatTimeout().compareTo(transport.getHeartbeatInterval()) <= 0) {
            reject("transport.heartbeatTimeout", "must be longer than gen-cluster.transport.heartbeat-interval ("
                    + shown(transport.getHeartbeatInterval()) + "), for instance several intervals");
        }
        if (transport.getMaxFrameSize() < TcpTransportSettings.MIN_MAX_FRAME_SIZE) {
            reject("transport.maxFrameSize", "must be at least " + TcpTransportSettings.MIN_MAX_FRAME_SIZE
                    + " bytes, so that the largest metadata fits");
        }
    }

    private void checkMessaging() {
        GenClusterProperties.Messaging messaging = properties.getMessaging();
        checkPositive("messaging.requestTimeout", messaging.getRequestTimeout());
        checkAtLeastOne("messaging.inboundQueuePerTopic", messaging.getInboundQueuePerTopic());
        checkAtLeastOne("messaging.handlerThreads", messaging.getHandlerThreads());
        checkAtLeastOne("messaging.maxPendingRequests", messaging.getMaxPendingRequests());
        if (messaging.getOutboundHighWaterMark() == null
                || messaging.getOutboundHighWaterMark().toBytes() < TcpTransportSettings.MIN_OUTBOUND_HIGH_WATER_MARK) {
            reject("messaging.outboundHighWaterMark", "must be at least 64KB, such as 4MB");
        }
    }

    private void checkMetadata() {
        try {
            NodeMetadata.checked(properties.getMetadata());
        }
        catch (IllegalArgumentException ex) {
            reject("metadata", ex.getMessage());
        }
    }

    private void checkLimits() {
        GenClusterProperties.Limits limits = properties.getLimits();
        checkAtLeastOne("limits.maxAnnouncedAddresses", limits.getMaxAnnouncedAddresses());
        checkAtLeastOne("limits.maxPendingPeers", limits.getMaxPendingPeers());
        checkAtLeastOne("limits.maxConcurrentDials", limits.getMaxConcurrentDials());
        checkAtLeastOne("discovery.epmd.maxRegistrations", properties.getDiscovery().getEpmd().getMaxRegistrations());
        List<String> networks = limits.getAnnouncedNetworks();
        for (int i = 0; i < networks.size(); i++) {
            try {
                IpNetwork.parse(networks.get(i));
            }
            catch (IllegalArgumentException ex) {
                reject("limits.announcedNetworks[" + i + "]",
                        "must be an IP network such as 10.0.0.0/8 or fd00::/8: " + ex.getMessage());
            }
        }
    }

    private void checkAtLeastOne(String field, int value) {
        if (value < 1) {
            reject(field, "must be at least 1");
        }
    }

    private void checkPort(String field, int port, int lowest) {
        if (port < lowest || port > 65535) {
            reject(field, "must be a port from " + lowest + " to 65535");
        }
    }

    private void checkPositive(String field, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            reject(field, "must be a positive duration, such as 500ms or 5s");
        }
    }

    private void reject(String field, String message) {
        String text = property(field) + " " + message;
        if (errors instanceof BindingResult result) {
            // Added as written in configuration: Boot's failure report prints the field
            // and the value as given here.
            result.addError(new FieldError(result.getObjectName(), dashed(field), shown(result.getRawFieldValue(field)),
                    false, result.resolveMessageCodes("invalid", dashed(field)), null, text));
        }
        else {
            errors.rejectValue(field, "invalid", text);
        }
    }

    /**
     * Rejects a field whose value must not appear in the failure report (Boot prints a
     * field error's value).
     */
    private void rejectSecret(String field, String message) {
        errors.reject("invalid", property(field) + " " + message);
    }

    private static String property(String field) {
        return "gen-cluster." + dashed(field);
    }

    private static String dashed(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * A value as it is written in configuration: durations in their largest exact unit,
     * such as 500ms or 5s.
     */
    static @Nullable Object shown(@Nullable Object value) {
        if (!(value instanceof Duration duration)) {
            return value;
        }
        if (duration.isZero()) {
            return "0s";
        }
        for (ChronoUnit unit : List.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS,
                ChronoUnit.MILLIS, ChronoUnit.MICROS)) {
            if (duration.truncatedTo(unit).equals(duration)) {
                return DurationStyle.SIMPLE.print(duration, unit);
            }
        }
        return DurationStyle.SIMPLE.print(duration, ChronoUnit.NANOS);
    }

}
