package io.gencluster.benchmarks;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * N nodes of one system in this JVM on loopback, in a JVM of its own so that figures do
 * not disturb each other. Prints {@code RESULT key value} lines for the harness.
 * <p>
 * Arguments: {@code formation ours|jgroups N}, or
 * {@code overhead ours|jgroups N windows seconds}.
 */
public final class InJvmTask {

    private static final Duration MESH_TIMEOUT = Duration.ofSeconds(60);

    /** Peers seen leaving while nodes should only be joining: churn, by reason. */
    private static final java.util.Map<String, Integer> LEAVES = new java.util.concurrent.ConcurrentSkipListMap<>();

    private InJvmTask() {
    }

    /** Runs one task and exits. */
    public static void main(String[] args) throws Exception {
        String task = args[0];
        Kind kind = args[1].equals("ours") ? Kind.OURS : Kind.JGROUPS;
        int n = Integer.parseInt(args[2]);
        switch (task) {
            case "formation" -> formation(kind, n);
            case "overhead" -> overhead(kind, n, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException("Unknown task '" + task + "': use formation or overhead");
        }
        System.exit(0);
    }

    /**
     * Two figures per JVM. Cold: N nodes started one right after the other in this fresh
     * JVM; the clock runs from the last node's start to full mesh on every node (and, as
     * two more figures, from the first node's start: the wall-clock time and the CPU time
     * of the whole JVM, since links form while the later nodes still start). Join: then,
     * with the JVM warm, N-1 new nodes form their mesh first (gen-cluster: one node at a
     * time), and the clock runs from the last node's start until every node has every
     * other. A phase that does not converge within the deadline is reported as failed.
     */
    private static void formation(Kind kind, int n) throws Exception {
        Nodes cold = Nodes.create(kind, n, true);
        try {
            long firstStart = System.nanoTime();
            long cpuAtFirstStart = ProcessCpu.self();
            for (int i = 0; i < n - 1; i++) {
                cold.start(i);
            }
            long lastStart = System.nanoTime();
            cold.start(n - 1);
            long meshed = cold.awaitMesh(MESH_TIMEOUT, n);
            result("formation_cold_ms", (meshed - lastStart) / 1e6);
            result("formation_cold_from_first_ms", (meshed - firstStart) / 1e6);
            result("formation_cold_cpu_ms", (ProcessCpu.self() - cpuAtFirstStart) / 1e6);
        }
        catch (IllegalStateException ex) {
            failed("formation_cold_ms", ex);
        }
        cold.close();
        Nodes join = Nodes.create(kind, n, kind != Kind.OURS);
        try {
            join.formIncrementally(n - 1);
            long lastStart = System.nanoTime();
            join.start(n - 1);
            join.openDiscovery(n - 1);
            result("formation_join_ms", (join.awaitMesh(MESH_TIMEOUT, n) - lastStart) / 1e6);
        }
        catch (IllegalStateException ex) {
            failed("formation_join_ms", ex);
        }
        join.close();
    }

    /**
     * Forms the mesh and measures CPU and bytes sent per node over idle windows; for
     * gen-cluster also the memory per link (nodes started with discovery held back, then
     * let go).
     */
    private static void overhead(Kind kind, int n, int windows, int seconds) throws Exception {
        boolean measureMemory = kind == Kind.OURS;
        Nodes nodes = Nodes.create(kind, n, kind != Kind.OURS);
        try {
            if (measureMemory) {
                for (int i = 0; i < n; i++) {
                    nodes.start(i);
                }
                Memory before = Memory.settled();
                nodes.formIncrementally(n);
                nodes.awaitMesh(MESH_TIMEOUT, n);
                TimeUnit.SECONDS.sleep(2);
                Memory after = Memory.settled();
                double linkEnds = (double) n * (n - 1);
                result("heap_bytes_per_link_end", (after.heap - before.heap) / linkEnds);
                result("direct_bytes_per_link_end", (after.direct - before.direct) / linkEnds);
                result("threads_per_node", after.threads / (double) n);
            }
            else {
                nodes.formIncrementally(n);
                nodes.awaitMesh(MESH_TIMEOUT, n);
            }
        }
        catch (IllegalStateException ex) {
            failed("cpu_pct_of_core_per_node", ex);
            failed("bytes_per_s_per_node", ex);
            nodes.close();
            return;
        }
        TimeUnit.SECONDS.sleep(3);
        Set<Long> self = Set.of(ProcessHandle.current().pid());
        for (int w = 0; w < windows; w++) {
            window(n, seconds, ProcessCpu::self, () -> SocketBytes.sent(self));
        }
        nodes.close();
    }

    /**
     * Measures CPU and bytes sent by N nodes over one idle window and prints them per
     * node.
     */
    static void window(int n, int seconds, LongSupplier cpu, LongSupplier bytes) throws InterruptedException {
        long cpu0 = cpu.getAsLong();
        long bytes0 = bytes.getAsLong();
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        long cpu1 = cpu.getAsLong();
        long bytes1 = bytes.getAsLong();
        double elapsed = System.nanoTime() - t0;
        result("cpu_pct_of_core_per_node", (cpu1 - cpu0) / elapsed / n * 100);
        result("bytes_per_s_per_node", (bytes1 - bytes0) / (elapsed / 1e9) / n);
    }

    private static void failed(String key, Exception cause) {
        System.out.println(
                "FAILED " + key + " " + (cause.getMessage() + "; leave events meanwhile: " + LEAVES).replace(' ', '_'));
        System.out.flush();
    }

    private static void result(String key, double value) {
        System.out.println(String.format(Locale.ROOT, "RESULT %s %.6f", key, value));
        System.out.flush();
    }

    /** Heap after GC, direct buffers, and live threads. */
    private record Memory(long heap, long direct, int threads) {

        static Memory settled() throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                TimeUnit.MILLISECONDS.sleep(200);
            }
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
                .stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
            long nettyDirect = io.netty.util.internal.PlatformDependent.usedDirectMemory();
            return new Memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    direct + Math.max(0, nettyDirect), Thread.activeCount());
        }
    }

    /** The nodes of one system in this JVM. */
    private static final class Nodes implements AutoCloseable {

        private final List<OursNode> ours = new ArrayList<>();

        private final List<JGroupsNode> jgroups = new ArrayList<>();

        static Nodes create(Kind kind, int n, boolean discoveryOpen) throws Exception {
            Nodes nodes = new Nodes();
            List<Integer> ports = FreePorts.take(n);
            MeshListener quiet = new MeshListener() {
                @Override
                public void meshed(String node) {
                }

                @Override
                public void left(String node, String peer, String reason) {
                    LEAVES.merge(reason.startsWith("view-") ? "view change" : reason, 1, Integer::sum);
                }
            };
            for (int i = 0; i < n; i++) {
                if (kind == Kind.OURS) {
                    nodes.ours
                        .add(new OursNode("n" + i, ports.get(i), ports, quiet, discoveryOpen, Heartbeats.DEFAULTS));
                }
                else {
                    nodes.jgroups.add(new JGroupsNode("n" + i, ports.get(i), ports, quiet, Heartbeats.DEFAULTS));
                }
            }
            return nodes;
        }

        void start(int index) throws Exception {
            if (!ours.isEmpty()) {
                ours.get(index).start();
            }
            else {
                jgroups.get(index).start();
            }
        }

        /**
         * Forms a mesh of the first {@code count} nodes one node at a time: each starts
         * (if not yet), dials the ones before it and is waited for. JGroups' connect()
         * does this by itself.
         */
        void formIncrementally(int count) throws Exception {
            long deadline = System.nanoTime() + MESH_TIMEOUT.toNanos();
            for (int i = 0; i < count; i++) {
                if (jgroups.isEmpty() ? !ours.get(i).isRunning() : !jgroups.get(i).isConnected()) {
                    start(i);
                }
                openDiscovery(i);
                awaitPeers(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), i + 1, i);
            }
        }

        /** Lets a gen-cluster node's discovery find the others and dials them now. */
        void openDiscovery(int index) {
            if (!ours.isEmpty()) {
                ours.get(index).openDiscovery();
            }
        }

        /** Waits until every node is meshed; returns the latest mesh time (nanoTime). */
        long awaitMesh(Duration timeout, int n) throws InterruptedException {
            return awaitPeers(timeout, n, n - 1);
        }

        /**
         * Waits until each of the first {@code count} nodes has {@code peers} peers;
         * returns the latest time one got there.
         */
        long awaitPeers(Duration timeout, int count, int peers) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long latest = 0;
                int missing = 0;
                for (int i = 0; i < count; i++) {
                    long at = ours.isEmpty() ? jgroups.get(i).reachedAtNanos(peers) : ours.get(i).reachedAtNanos(peers);
                    if (at == 0) {
                        missing++;
                    }
                    latest = Math.max(latest, at);
                }
                if (missing == 0) {
                    return latest;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            missing + " node(s) had fewer than " + peers + " peers after " + timeout);
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }

        /**
         * Stops every node, all at once: one by one, a hundred churning nodes take
         * minutes to say goodbye.
         */
        @Override
        public void close() {
            ours.parallelStream().forEach(OursNode::close);
            jgroups.parallelStream().forEach(JGroupsNode::close);
        }

    }

}
