package io.gencluster.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.gencluster.ClusterMembership;
import io.gencluster.ClusterNode;
import io.gencluster.testsupport.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node is a member of the cluster it found by the time the application says it is ready
 * ({@code gen-cluster.join-before-ready}), and a node whose peers do not listen is not
 * held back for them.
 */
class JoinBeforeReadyTests {

    /**
     * Fails if {@code ApplicationReadyEvent} comes before the link to the discovered peer
     * is up.
     */
    @Test
    void theDiscoveredPeerIsAMemberWhenTheApplicationIsReady() {
        int unused = TestApplication.freePort();
        try (TestApplication a = TestApplication.named("a").staticNodes("127.0.0.1:" + unused).start();
                TestApplication b = TestApplication.named("b")
                    .staticNodes(a.clusterAddress())
                    .with(MembersAtReady.class)
                    .start()) {
            assertThat(b.bean(MembersAtReady.class).members).extracting(ClusterNode::id).containsExactly(a.id());
        }
    }

    /**
     * Fails if a peer that refuses the connection holds the start until the bound (an
     * hour here, far past the deadline).
     */
    @Test
    void aRefusingPeerDoesNotHoldTheStart() {
        int unused = TestApplication.freePort();
        CompletableFuture<TestApplication> starting = CompletableFuture.supplyAsync(() -> TestApplication.named("a")
            .staticNodes("127.0.0.1:" + unused)
            .properties("gen-cluster.join-before-ready=1h")
            .with(MembersAtReady.class)
            .start());
        try (TestApplication a = starting.get(30, TimeUnit.SECONDS)) {
            assertThat(a.bean(MembersAtReady.class).members).isEmpty();
            assertThat(a.manager().pending()).isNotEmpty();
        }
        catch (Exception ex) {
            throw new AssertionError("The start did not end within 30 s although its peer refused", ex);
        }
    }

    /** Records the members at {@code ApplicationReadyEvent}. */
    @Configuration(proxyBeanMethods = false)
    static class MembersAtReady implements ApplicationListener<ApplicationReadyEvent> {

        final List<ClusterNode> members = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            members.addAll(event.getApplicationContext().getBean(ClusterMembership.class).members());
        }

    }

}
