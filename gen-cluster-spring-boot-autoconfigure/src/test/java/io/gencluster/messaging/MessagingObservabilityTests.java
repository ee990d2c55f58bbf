package io.gencluster.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

import io.gencluster.ClusterNode;
import io.gencluster.testsupport.TestApplication;

import static io.gencluster.messaging.MessagingClusterTests.assertFailure;
import static io.gencluster.messaging.MessagingClusterTests.join;
import static io.gencluster.messaging.MessagingClusterTests.memberOf;
import static io.gencluster.messaging.MessagingClusterTests.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of messaging: the trace context crossing to the peer that
 * answers, the meters and the per-member counts of {@code /actuator/cluster}.
 */
class MessagingObservabilityTests {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aRequestsTraceContextTravelsInTheMessageToTheObservationOfItsHandling() {
        try (TestApplication a = node("a", "127.0.0.1:" + TestApplication.freePort());
                TestApplication b = node("b", a.clusterAddress())) {
            ClusterNode memberB = memberOf(a, b);

            join(template(a).request(memberB, "echo", "traced", String.class));

            assertThat(b.bean(TraceStub.class).received).containsExactly("trace-from-a");
            assertThat(a.bean(TraceStub.class).received).isEmpty();
        }
    }

    @Test
    void metersCountMessagesByOutcomeAndTimeRequests() {
        try (TestApplication a = node("a", "127.0.0.1:" + TestApplication.freePort());
                TestApplication b = node("b", a.clusterAddress())) {
            ClusterNode memberB = memberOf(a, b);

            join(template(a).send(memberB, "greet", new TestHandlers.Greeting("hi")));
            join(template(a).request(memberB, "echo", "x", String.class));
            assertFailure(template(a).request(memberB, "nobody", "x", String.class),
                    ClusterMessagingException.Failure.NO_HANDLER);

            assertThat(a.meters().get("gen.cluster.messages.sent").functionCounter().count()).isEqualTo(3);
            assertThat(a.meters().get("gen.cluster.messages.received").functionCounter().count()).isEqualTo(2);
            FunctionCounter noHandler = a.meters()
                .get("gen.cluster.messages.failed")
                .tag("outcome", "no_handler")
                .functionCounter();
            assertThat(noHandler.count()).isEqualTo(1);
            await().atMost(DEADLINE)
                .until(() -> b.meters().get("gen.cluster.messages.received").functionCounter().count() == 3);
            Timer requests = a.meters().get("gen.cluster.requests").tag("outcome", "success").timer();
            assertThat(requests.count()).isEqualTo(1);
            assertThat(a.meters().get("gen.cluster.requests").tag("outcome", "NO_HANDLER").timer().count())
                .isEqualTo(1);
        }
    }

    @Test
    void theClusterEndpointShowsTheMessagesExchangedWithEachMember() {
        try (TestApplication a = node("a", "127.0.0.1:" + TestApplication.freePort());
                TestApplication b = node("b", a.clusterAddress())) {
            ClusterNode memberB = memberOf(a, b);
            join(template(a).send(memberB, "greet", new TestHandlers.Greeting("one")));
            join(template(a).request(memberB, "echo", "two", String.class));

            JsonNode member = a.getJson("/actuator/cluster").get("members").get(0);

            assertThat(member.get("node").stringValue()).isEqualTo(b.id());
            assertThat(member.get("messages").get("sent").asLong()).isEqualTo(2);
            assertThat(member.get("messages").get("received").asLong()).isEqualTo(1);
        }
    }

    private static TestApplication node(String name, String seed) {
        return TestApplication.named(name).web().with(TestHandlers.class, TraceStub.class).staticNodes(seed).start();
    }

    /**
     * Stands in for a tracer: puts a trace id into each request it sees leave and records
     * the ones that arrive.
     */
    @Configuration(proxyBeanMethods = false)
    static class TraceStub implements ObservationHandler<Observation.Context> {

        final List<String> received = new CopyOnWriteArrayList<>();

        private final String name;

        TraceStub(Environment environment) {
            this.name = environment.getProperty("gen-cluster.node-name");
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onStart(Observation.Context context) {
            if (context instanceof SenderContext<?> sender) {
                ((SenderContext<Object>) sender).getSetter()
                    .set(sender.getCarrier(), "test-trace", "trace-from-" + name);
            }
            else if (context instanceof ReceiverContext<?> receiver) {
                String trace = ((ReceiverContext<Object>) receiver).getGetter()
                    .get(receiver.getCarrier(), "test-trace");
                received.add(String.valueOf(trace));
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof SenderContext<?> || context instanceof ReceiverContext<?>;
        }

    }

}
