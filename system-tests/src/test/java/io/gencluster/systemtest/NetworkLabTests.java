package io.gencluster.systemtest;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The harness itself: a lab's hosts have no way off the lab's bridge, and closing a lab
 * leaves nothing behind.
 */
@Order(0)
class NetworkLabTests {

    @Test
    void hostsOnlyRouteToTheLabSubnet() {
        try (NetworkLab lab = NetworkLab.create()) {
            Namespace host = lab.host("a", 2);

            String routes = host.run("ip", "-4", "route", "show");

            String subnet = host.address().substring(0, host.address().lastIndexOf('.')) + ".0/24";
            assertThat(routes.strip().lines()).singleElement().asString().startsWith(subnet + " dev eth0");
            assertThat(lab.hub().run("ip", "-4", "route", "show").strip().lines()).singleElement()
                .asString()
                .startsWith(subnet + " dev ");
        }
    }

    @Test
    void closingRemovesEveryNamespaceAndEveryProcessInside() throws IOException, InterruptedException {
        NetworkLab lab = NetworkLab.create();
        Process sleeper;
        List<String> names;
        try {
            Namespace host = lab.host("a", 2);
            Process started = new ProcessBuilder(host.command("sleep", "300")).start();
            sleeper = started;
            // `ip netns exec` enters the namespace, then execs: the pid shows there a
            // moment after the start
            await("the process to show in " + host.name()).atMost(Duration.ofSeconds(10))
                .until(() -> HostCommand.run("ip", "netns", "pids", host.name())
                    .strip()
                    .equals(Long.toString(started.pid())));
            names = lab.namespaceNames();
        }
        finally {
            lab.close();
        }

        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).as("the process inside was killed").isTrue();
        String namespaces = HostCommand.run("ip", "netns", "list");
        assertThat(names).hasSize(2).allSatisfy(name -> assertThat(namespaces).doesNotContain(name));
    }

}
