package io.gencluster.samples.hello;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;

/**
 * {@code GET /members}: this node and the peers it is linked to, read from
 * {@link ClusterMembership}. gen-cluster writes each {@link ClusterNode} as the
 * {@code cluster} actuator endpoint shows a node: {@code id}, {@code name},
 * {@code address}, {@code incarnation} (16 hex digits), {@code since}, {@code direction}
 * and {@code metadata}.
 */
@RestController
public class MembersController {

    private final ClusterMembership cluster;

    /** Creates the controller over the application's cluster membership. */
    public MembersController(ClusterMembership cluster) {
        this.cluster = cluster;
    }

    /** This node (absent while the cluster is not running) and its members. */
    @GetMapping("/members")
    public Members members() {
        return new Members(cluster.self().orElse(null), cluster.members());
    }

    /**
     * The answer of {@code GET /members}.
     *
     * @param self this node
     * @param members the peers linked now, in the order they joined
     */
    public record Members(ClusterNode self, List<ClusterNode> members) {
    }

}
