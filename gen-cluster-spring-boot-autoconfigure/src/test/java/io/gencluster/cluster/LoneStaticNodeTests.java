package io.gencluster.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.membership.RefreshResult;
import io.gencluster.testsupport.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A static list that leads only back to this node is said once, not left as a silent
 * empty cluster.
 */
@ExtendWith(OutputCaptureExtension.class)
class LoneStaticNodeTests {

    private static final String WARNING = "discovery finds only this node";

    @Test
    void aStaticListOfThisNodesOwnAddressesIsWarnedAboutOnce(CapturedOutput output) {
        int port = TestApplication.freePort();
        try (TestApplication node = TestApplication.named("alone")
            .staticNodes("localhost:" + port, "127.0.0.1:" + port)
            .properties("gen-cluster.transport.port=" + port, "gen-cluster.refresh-interval=200ms")
            .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(WARNING));
            assertThat(output.getOut()).contains("alone@127.0.0.1:" + port)
                .contains("[localhost:" + port + ", 127.0.0.1:" + port + "]");
            awaitTwoMoreRefreshes(node);
            assertThat(occurrences(output.getOut(), WARNING)).isEqualTo(1);
            assertThat(node.manager().members()).isEmpty();
        }
    }

    @Test
    void aStaticListWithAnotherNodeIsNotWarnedAboutWhileThatNodeIsDown(CapturedOutput output) {
        try (TestApplication node = TestApplication.named("waiting")
            .staticNodes("127.0.0.1:" + TestApplication.freePort())
            .properties("gen-cluster.refresh-interval=200ms")
            .start()) {
            awaitTwoMoreRefreshes(node);
            assertThat(output.getOut()).doesNotContain(WARNING);
        }
    }

    private static void awaitTwoMoreRefreshes(TestApplication node) {
        await().atMost(Duration.ofSeconds(10)).until(() -> node.manager().lastRefresh().isPresent());
        Instant after = node.manager().lastRefresh().map(RefreshResult::at).orElseThrow();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> node.manager()
                .lastRefresh()
                .map(RefreshResult::at)
                .orElseThrow()
                .isAfter(after.plusMillis(300)));
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

}
