package io.gencluster.autoconfigure.actuate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import io.gencluster.testsupport.TestApplication;
import io.gencluster.testsupport.TestCookies;

import static io.gencluster.testsupport.TestApplication.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code cluster} endpoint over JMX: the same descriptors, as maps and lists. */
class ClusterEndpointJmxTests {

    @Test
    void answersOverJmxWithoutTheCookie() throws Exception {
        int unused = freePort();
        try (TestApplication a = TestApplication.named("a")
            .web()
            .staticNodes("127.0.0.1:" + unused)
            .properties("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=cluster")
            .start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.manager().lastRefresh().isPresent());
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("org.springframework.boot:type=Endpoint,name=Cluster");

            Object answer = server.invoke(name, "cluster", new Object[0], new String[0]);

            assertThat(answer).isInstanceOf(Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> cluster = (Map<String, Object>) answer;
            assertThat(cluster).containsKeys("self", "strategies", "refreshInterval", "lastRefresh", "members",
                    "discovered", "pending");
            assertThat(((Map<?, ?>) cluster.get("self")).get("id")).isEqualTo(a.id());
            assertThat(cluster.get("discovered")).isEqualTo(List.of("127.0.0.1:" + unused));
            assertThat(cluster.toString()).doesNotContain(TestCookies.SHARED);
        }
    }

}
