package io.gencluster.membership;

import io.gencluster.NodeAddress;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.gencluster.discovery.DiscoveryStrategy;
import io.gencluster.discovery.StaticDiscovery;

import static org.assertj.core.api.Assertions.assertThat;

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
}
