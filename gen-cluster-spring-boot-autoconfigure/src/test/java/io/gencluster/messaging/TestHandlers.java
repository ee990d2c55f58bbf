package io.gencluster.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.gencluster.ClusterNode;

/**
 * The handlers every test node runs, and what they saw: greetings, numbers in order per
 * sender, sums, failures and a topic whose handler blocks until released.
 */
@Configuration(proxyBeanMethods = false)
public class TestHandlers {

    /** A greeting, sent as JSON. */
    public record Greeting(String text) {
    }

    /** Two numbers to add. */
    public record Terms(int a, int b) {
    }

    /** Their sum. */
    public record Sum(int value) {
    }

    @Bean
    Recorder recorder() {
        return new Recorder();
    }

    /** Records what arrived; one per node. */
    public static class Recorder {

        public final List<String> greetings = new CopyOnWriteArrayList<>();

        public final Map<String, List<Integer>> numbers = new ConcurrentHashMap<>();

        public final AtomicInteger stalled = new AtomicInteger();

        public volatile CountDownLatch release = new CountDownLatch(1);

        @ClusterListener("greet")
        void greet(Greeting greeting, ClusterNode sender) {
            greetings.add(sender.name() + ": " + greeting.text());
        }

        @ClusterListener("numbers")
        void number(ClusterNode sender, int number) {
            numbers.computeIfAbsent(sender.id(), id -> new CopyOnWriteArrayList<>()).add(number);
        }

        @ClusterListener("add")
        Sum add(Terms terms) {
            return new Sum(terms.a() + terms.b());
        }

        @ClusterListener("echo")
        String echo(String text, ClusterNode sender) {
            return text + " from " + sender.name();
        }

        @ClusterListener("nothing")
        void nothing(String text) {
        }

        @ClusterListener("fail")
        String fail(String text) {
            throw new IllegalStateException("cannot handle " + text);
        }

        @ClusterListener("slow")
        String slow(String text) throws InterruptedException {
            stalled.incrementAndGet();
            release.await(60, TimeUnit.SECONDS);
            return "late " + text;
        }

    }

}
