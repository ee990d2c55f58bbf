package io.gencluster.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gencluster.ClusterNode;
import io.gencluster.LeaveReason;
import io.gencluster.messaging.ClusterMessagingException;
import io.gencluster.messaging.ClusterMessenger;
import io.gencluster.messaging.ClusterTemplate;
import io.gencluster.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Messaging with a member in another JVM: a request and its reply cross processes, and a
 * request to a member killed with -9 while it handles it fails at once with the leave.
 */
class MessagingProcessFaultTests {

    private static final Duration DEADLINE = Duration.ofMinutes(1);

    /** Long enough that only the reset connection can end the request or the link. */
    private static final Duration NEVER = Duration.ofMinutes(10);

    private TestApplication local;

    private NodeProcess remote;

    @AfterEach
    void stopNodes() throws Exception {
        if (remote != null) {
            remote.close();
        }
        if (local != null) {
            local.close();
        }
    }

    @Test
    void aRequestToAMemberKilledWhileItHandlesItFailsAtOnceWithConnectionLost() throws Exception {
        local = TestApplication.named("local")
            .staticNodes("127.0.0.1:" + TestApplication.freePort())
            .properties("gen-cluster.transport.heartbeat-timeout=10m")
            .start();
        remote = NodeProcess.start("remote", TestApplication.freePort(), Duration.ofMillis(200), NEVER,
                local.manager().self().address().endpoint());
        await().atMost(DEADLINE).until(() -> local.manager().member(remote.id()).isPresent());
        ClusterNode member = local.manager().member(remote.id()).orElseThrow();
        ClusterTemplate template = local.bean(ClusterTemplate.class);
        ClusterMessenger messenger = local.bean(ClusterMessenger.class);

        assertThat(template.request(member, "echo", "across", String.class).toCompletableFuture().join())
            .isEqualTo("echo across");
        long sent = messenger.counts().sent();
        CompletableFuture<String> reply = template.request(member, "slow", "x", String.class, NEVER)
            .toCompletableFuture();
        await().atMost(DEADLINE).until(() -> messenger.counts().sent() > sent);
        remote.killHard();

        await().atMost(DEADLINE).until(reply::isDone);
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(reply::join).satisfies(ex -> {
            ClusterMessagingException failure = (ClusterMessagingException) ex.getCause();
            assertThat(failure.failure()).isEqualTo(ClusterMessagingException.Failure.LINK_DOWN);
            assertThat(failure.leaveReason()).contains(LeaveReason.CONNECTION_LOST);
        });
    }

}
