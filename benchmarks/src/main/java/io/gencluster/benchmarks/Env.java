package io.gencluster.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where things are: the java binary, the benchmark classpath, the compiled Erlang node
 * module and the directory for the children's logs.
 *
 * @param java the java executable
 * @param classpath the benchmark module's classes and dependencies
 * @param erlangDir the directory holding {@code bench_node.beam}
 * @param logDir where children's standard error goes
 */
public record Env(String java, String classpath, Path erlangDir, Path logDir) {

    /** The Erlang cookie of the benchmark's nodes. */
    public static final String ERLANG_COOKIE = "gen_cluster_benchmark";

    /** The command line of a JVM running a main class of this module. */
    public List<String> javaCommand(String mainClass, String... args) {
        return javaCommandWith(classpath, mainClass, args);
    }

    /** The command line of a JVM with another classpath. */
    public List<String> javaCommandWith(String otherClasspath, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(java, "-cp", otherClasspath, mainClass));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /**
     * This classpath without gen-cluster's own jars: a Spring Boot app that does not have
     * gen-cluster.
     */
    public String classpathWithoutGenCluster() {
        return Arrays.stream(classpath.split(File.pathSeparator))
            .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("gen-cluster-spring-boot"))
            .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * The command line of an Erlang node named {@code name@127.0.0.1} that dials the
     * given nodes.
     */
    public List<String> erlangCommand(String name, List<String> peers, Heartbeats heartbeats) {
        List<String> command = new ArrayList<>(List.of("erl", "-noshell", "-name", name + "@127.0.0.1", "-setcookie",
                ERLANG_COOKIE, "-kernel", "net_ticktime", Long.toString(heartbeats.netTicktimeSeconds()), "-pa",
                erlangDir.toString(), "-s", "bench_node", "main"));
        peers.forEach(peer -> command.add(peer + "@127.0.0.1"));
        return command;
    }

    /**
     * The command line of an Erlang node of the messaging benchmark
     * ({@code bench_msg:server/0} or {@code bench_msg:client/1}).
     */
    public List<String> erlangMessagingCommand(String name, String role, String... args) {
        List<String> command = new ArrayList<>(List.of("erl", "-noshell", "-name", name + "@127.0.0.1", "-setcookie",
                ERLANG_COOKIE, "-pa", erlangDir.toString(), "-s", "bench_msg", role));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** A log file for a child's standard error. */
    public File log(String name) {
        return logDir.resolve(name + ".log").toFile();
    }
}
