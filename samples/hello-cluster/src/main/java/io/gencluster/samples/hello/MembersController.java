package io.gencluster.samples.hello;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;

/** {@code GET /members}: this node and the peers it is linked to, read from {@link ClusterMembership}. */
@RestController
public class MembersController {

    private final ClusterMembership cluster;

    /** Creates the controller over the application's cluster membership. */
    public MembersController(ClusterMembership cluster) {
        this.cluster = cluster;
    }

    /** This node's id (absent while the cluster is not running) and its members' ids. */
    @GetMapping("/members")
    public Members members() {
        return new Members(cluster.self().map(ClusterNode::id).orElse(null),
                cluster.members().stream().map(ClusterNode::id).toList());
    }

    /**
     * The answer of {@code GET /members}.
     *
     * @param self this node's id, {@code name@host:port}
     * @param members the ids of the peers linked now, in the order they joined
     */
    public record Members(String self, List<String> members) {
    }
}
