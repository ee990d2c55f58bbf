package io.gencluster.membership;

import io.gencluster.NodeAddress;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.discovery.StaticDiscovery;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class StrategyAnswersTests {

    private final AtomicReference<Object> answer = new AtomicReference<>(Set.of(NodeAddress.of("10.0.0.1", 4370)));

    private final DiscoveryStrategy changing = new DiscoveryStrategy() {
        @Override
        @SuppressWarnings("unchecked")
        public Set<NodeAddress> discover() throws Exception {
            Object current = answer.get();
            if (current instanceof Exception ex) {
                throw ex;
            }
            return (Set<NodeAddress>) current;
        }

        @Override
        public String describe() {
            return "changing";
        }
    };

    private final StaticDiscovery fixed = new StaticDiscovery(List.of(NodeAddress.of("10.0.0.9", 4370)));

    private final StrategyAnswers answers = new StrategyAnswers(List.of(changing, fixed));

    @Test
    void joinsTheAnswersOfAllStrategies() {
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(answers.askAll(errors)).containsExactlyInAnyOrder(NodeAddress.of("10.0.0.1", 4370),
                NodeAddress.of("10.0.0.9", 4370));
        assertThat(errors).isEmpty();
    }

    @Test
    void keepsTheLastGoodAnswerOfAFailingStrategyAndRecordsTheError() {
        answers.askAll(new LinkedHashMap<>());
        answer.set(new IOException("SRV lookup of x failed: SERVFAIL"));
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(answers.askAll(errors)).contains(NodeAddress.of("10.0.0.1", 4370));
        assertThat(errors).containsEntry("changing", "SRV lookup of x failed: SERVFAIL");
    }

    @Test
    void anEmptyAnswerReplacesTheLastOne() {
        answers.askAll(new LinkedHashMap<>());
        answer.set(Set.of());
        assertThat(answers.askAll(new LinkedHashMap<>())).containsExactly(NodeAddress.of("10.0.0.9", 4370));
    }

    @Test
    void aStrategyThatNeverAnsweredContributesNothing() {
        answer.set(new IOException("down"));
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(answers.askAll(errors)).containsExactly(NodeAddress.of("10.0.0.9", 4370));
        assertThat(errors).containsKey("changing");
    }

    @Test
    void warnsOnceForTheSameFailureAndAgainWhenItChanges(CapturedOutput output) {
        answer.set(new IOException("SRV lookup failed: SERVFAIL"));
        answers.askAll(new LinkedHashMap<>());
        answers.askAll(new LinkedHashMap<>());
        answers.askAll(new LinkedHashMap<>());
        assertThat(warnings(output, "SRV lookup failed: SERVFAIL")).isEqualTo(1);

        answer.set(new IOException("SRV lookup failed: no answer within 5000ms"));
        answers.askAll(new LinkedHashMap<>());
        answers.askAll(new LinkedHashMap<>());
        assertThat(warnings(output, "SRV lookup failed: no answer within 5000ms")).isEqualTo(1);
    }

    @Test
    void logsTheRecoveryOnce(CapturedOutput output) {
        answer.set(new IOException("SRV lookup failed: SERVFAIL"));
        answers.askAll(new LinkedHashMap<>());
        answer.set(Set.of(NodeAddress.of("10.0.0.1", 4370)));
        answers.askAll(new LinkedHashMap<>());
        answers.askAll(new LinkedHashMap<>());
        assertThat(occurrences(output, "Discovery by changing works again: 1 peer(s)")).isEqualTo(1);
    }

    @Test
    void staysQuietWhileAllGoesWell(CapturedOutput output) {
        answers.askAll(new LinkedHashMap<>());
        answers.askAll(new LinkedHashMap<>());
        assertThat(occurrences(output, "works again")).isZero();
        assertThat(occurrences(output, "keeping its last answer")).isZero();
    }

    private static long warnings(CapturedOutput output, String message) {
        return output.getOut()
            .lines()
            .filter(line -> line.contains("WARN") && line.contains("Discovery by changing failed")
                    && line.contains(message))
            .count();
    }

    private static long occurrences(CapturedOutput output, String text) {
        return output.getOut().lines().filter(line -> line.contains(text)).count();
    }

    /**
     * Fails if an interrupted discovery swallows the interrupt: the refresh thread could
     * not be stopped.
     */
    @Test
    void anInterruptedDiscoveryKeepsTheInterruptAndStops() {
        answer.set(new InterruptedException());
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            assertThat(answers.askAll(errors)).as("the next strategy is not asked").isEmpty();
            assertThat(errors).containsExactly(Map.entry("changing", "interrupted"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        }
        finally {
            Thread.interrupted();
        }
    }

}
