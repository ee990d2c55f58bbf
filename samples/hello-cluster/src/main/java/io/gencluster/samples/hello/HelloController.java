package io.gencluster.samples.hello;

import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;

/**
 * {@code GET /hello}: the id of this node. {@code GET /hello/peer}: the same question
 * asked of {@code http://hello-cluster}, which Spring Cloud LoadBalancer sends to one
 * node of the cluster after another (this one among them), since gen-cluster lists the
 * members as the service's instances.
 */
@RestController
public class HelloController {

    private final ClusterMembership cluster;

    private final RestClient peers;

    /** Creates the controller over the cluster and a load-balanced client. */
    public HelloController(ClusterMembership cluster, RestClient.Builder loadBalanced) {
        this.cluster = cluster;
        this.peers = loadBalanced.baseUrl("http://hello-cluster").build();
    }

    /** The id of the node that serves this request. */
    @GetMapping("/hello")
    public String hello() {
        return cluster.self().map(ClusterNode::id).orElse("not in a cluster");
    }

    /** The id of the node that served {@code GET http://hello-cluster/hello}. */
    @GetMapping("/hello/peer")
    public String peer() {
        return peers.get().uri("/hello").retrieve().body(String.class);
    }

    /** The load-balanced client builder: host names are Spring Cloud service ids. */
    @Configuration(proxyBeanMethods = false)
    static class LoadBalancing {

        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedRestClientBuilder() {
            return RestClient.builder();
        }

    }

}
