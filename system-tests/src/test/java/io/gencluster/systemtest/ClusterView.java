package io.gencluster.systemtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one node's {@code /actuator/cluster} said at one moment: itself, its members, what
 * discovery returned, the peers it is still dialling, and how its last refresh went.
 *
 * @param self this node's id
 * @param incarnation this node's incarnation (hex), new at every start
 * @param members the connected peers
 * @param discovered the addresses discovery returned
 * @param pending the peers being dialled, as the endpoint printed them
 * @param lastRefresh the last refresh, when one has run
 * @param undiscovered the ids of members discovery no longer returns, before they are
 * pruned
 * @param isolated whether the node says it is cut off from the cluster
 * @param missingPairs the pairs of nodes it says lack a link, each as two ids
 * @param flapping the ids of the peers it says are flapping
 * @param json the whole answer, for failure messages
 */
record ClusterView(String self, String incarnation, List<Member> members, List<String> discovered, List<String> pending,
        Optional<LastRefresh> lastRefresh, List<String> undiscovered, boolean isolated, List<List<String>> missingPairs,
        List<String> flapping, String json) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One member as the endpoint lists it. */
    record Member(String node, String address, String incarnation, String since, String rttMs, String direction) {
    }

    /**
     * The last refresh: when, how long, how many addresses, and the strategies' errors
     * (empty when all answered).
     */
    record LastRefresh(String at, long durationMs, int discovered, List<String> errors) {
    }

    /**
     * The member ids, in the endpoint's order (duplicates kept, so a second link to a
     * peer shows).
     */
    List<String> memberIds() {
        return members.stream().map(Member::node).toList();
    }

    /** The incarnation under which this node lists {@code peerId}, if it is a member. */
    Optional<String> incarnationOf(String peerId) {
        return members.stream().filter(member -> member.node().equals(peerId)).map(Member::incarnation).findFirst();
    }

    /**
     * The errors of the last refresh; empty when there was none or every strategy
     * answered.
     */
    List<String> refreshErrors() {
        return lastRefresh.map(LastRefresh::errors).orElse(List.of());
    }

    /** Reads the endpoint's JSON answer. */
    static ClusterView parse(String json) {
        JsonNode root = JSON.readTree(json);
        List<Member> members = new ArrayList<>();
        for (JsonNode member : root.path("members")) {
            members.add(new Member(scalar(member.path("node")), scalar(member.path("address")),
                    scalar(member.path("incarnation")), scalar(member.path("since")), scalar(member.path("rttMs")),
                    scalar(member.path("direction"))));
        }
        List<String> discovered = new ArrayList<>();
        root.path("discovered").forEach(address -> discovered.add(scalar(address)));
        List<String> pending = new ArrayList<>();
        root.path("pending").forEach(peer -> pending.add(peer.toString()));
        JsonNode refresh = root.path("lastRefresh");
        Optional<LastRefresh> lastRefresh = refresh.isObject()
                ? Optional.of(new LastRefresh(scalar(refresh.path("at")), refresh.path("durationMs").asLong(0),
                        refresh.path("discovered").asInt(0), errors(refresh.path("errors"))))
                : Optional.empty();
        List<String> undiscovered = new ArrayList<>();
        root.path("undiscovered").forEach(member -> undiscovered.add(scalar(member.path("node"))));
        List<List<String>> missingPairs = new ArrayList<>();
        for (JsonNode pair : root.path("missingLinks").path("pairs")) {
            List<String> nodes = new ArrayList<>();
            pair.path("nodes").forEach(node -> nodes.add(scalar(node)));
            missingPairs.add(nodes);
        }
        List<String> flapping = new ArrayList<>();
        root.path("flapping").forEach(peer -> flapping.add(scalar(peer.path("node"))));
        JsonNode self = root.path("self");
        return new ClusterView(scalar(self.path("id")), scalar(self.path("incarnation")), members, discovered, pending,
                lastRefresh, undiscovered, root.path("isolation").isObject(), missingPairs, flapping, json);
    }

    private static List<String> errors(JsonNode errors) {
        List<String> found = new ArrayList<>();
        if (errors.isArray()) {
            errors.forEach(error -> found.add(scalar(error)));
        }
        else if (errors.isObject()) {
            for (Map.Entry<String, JsonNode> error : errors.properties()) {
                found.add(error.getKey() + ": " + scalar(error.getValue()));
            }
        }
        return found;
    }

    private static String scalar(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isString() ? node.asString() : node.toString();
    }
}
