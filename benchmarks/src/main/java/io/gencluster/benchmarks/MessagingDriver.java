package io.gencluster.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of the messaging benchmark for the JVM systems (Erlang's is
 * {@code bench_msg.erl}, which measures the same way): prints {@code RESULT key value}
 * lines for {@link TaskResults}, one per window, then {@code DONE}; {@code FIGURE name}
 * with the wall-clock time marks the start of each figure (to line up a profile).
 * <ul>
 * <li>One-way: one thread sends a payload of each size as fast as the system lets it;
 * after a warm-up, the far node's handled count is read at each window's ends, with the
 * far node's clock: messages handled per second. Then it waits until the far node has
 * handled every message sent, so nothing queued spills into the next figure.</li>
 * <li>Request/reply: K chains, each sending the next request when the last reply came (K
 * requests always in flight); the p50 and p99 (nearest rank) of the requests that ended
 * in each window.</li>
 * </ul>
 */
public final class MessagingDriver {

    /** One-way payload sizes, bytes. */
    public static final int[] SIZES = { 100, 1024, 65536 };

    /** Requests in flight. */
    public static final int[] IN_FLIGHT = { 1, 64 };

    /** Size of a request (and of its reply), bytes. */
    public static final int REQUEST_SIZE = 100;

    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final MessagingPeer peer;

    private final long warmupMillis;

    private final int windows;

    private final long windowMillis;

    /**
     * A driver of that peer.
     * @param peer the far node
     * @param warmupMillis how long each figure runs before its first window
     * @param windows how many windows each figure is measured over
     * @param windowMillis how long a window is
     */
    public MessagingDriver(MessagingPeer peer, long warmupMillis, int windows, long windowMillis) {
        this.peer = peer;
        this.warmupMillis = warmupMillis;
        this.windows = windows;
        this.windowMillis = windowMillis;
    }

    /**
     * The driver of the command line's last three arguments: warm-up ms, windows, window
     * ms.
     */
    static MessagingDriver of(MessagingPeer peer, String[] args) {
        int n = args.length;
        return new MessagingDriver(peer, Long.parseLong(args[n - 3]), Integer.parseInt(args[n - 2]),
                Long.parseLong(args[n - 1]));
    }

    /** Measures every figure and prints DONE. */
    public void run() throws Exception {
        for (int size : SIZES) {
            WallClock.report("FIGURE", "oneway_" + size);
            oneWay(size);
        }
        for (int inFlight : IN_FLIGHT) {
            WallClock.report("FIGURE", "rr_" + inFlight);
            requestReply(inFlight);
        }
        WallClock.report("DONE");
    }

    private void oneWay(int size) throws Exception {
        String key = "oneway_" + size + "_per_s";
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        long[] base = peer.read();
        long refusedBefore = peer.refusals();
        AtomicLong sent = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Exception> failures = new ArrayList<>();
        Thread sender = new Thread(() -> {
            try {
                while (!stop.get()) {
                    peer.send(payload);
                    sent.incrementAndGet();
                }
            }
            catch (Exception ex) {
                failures.add(ex);
            }
        }, "sender");
        sender.start();
        TimeUnit.MILLISECONDS.sleep(warmupMillis);
        long[] last = peer.read();
        for (int w = 0; w < windows; w++) {
            TimeUnit.MILLISECONDS.sleep(windowMillis);
            long[] now = peer.read();
            result(key, (now[0] - last[0]) * 1e6 / (now[1] - last[1]));
            last = now;
        }
        stop.set(true);
        sender.join();
        if (!failures.isEmpty()) {
            failed(key, "send failed: " + failures.get(0));
        }
        long deadline = System.nanoTime() + DRAIN.toNanos();
        long[] now;
        while ((now = peer.read())[0] + dropped(now) - base[0] - dropped(base) != sent.get()) {
            if (System.nanoTime() > deadline) {
                failed("drain",
                        (sent.get() - (now[0] + dropped(now) - base[0] - dropped(base))) + " of " + sent.get()
                                + " messages of " + size + " bytes neither handled nor dropped " + DRAIN.toSeconds()
                                + " s after the last was sent");
                break;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        if (peer.refusals() > refusedBefore) {
            result("oneway_" + size + "_refused", peer.refusals() - refusedBefore);
        }
        if (dropped(now) > dropped(base)) {
            result("oneway_" + size + "_dropped", dropped(now) - dropped(base));
            result("oneway_" + size + "_sent", sent.get());
        }
    }

    private static long dropped(long[] read) {
        return read.length > 2 ? read[2] : 0;
    }

    private void requestReply(int inFlight) throws Exception {
        byte[] payload = new byte[REQUEST_SIZE];
        Arrays.fill(payload, (byte) 'x');
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
        long end = start + windows * TimeUnit.MILLISECONDS.toNanos(windowMillis);
        CountDownLatch done = new CountDownLatch(inFlight);
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            Chain chain = new Chain(payload, end, done);
            chains.add(chain);
        }
        chains.forEach(Chain::next);
        if (!done.await(end - System.nanoTime() + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS)) {
            failed("rr_" + inFlight + "_p50_us", "requests still in flight 60 s after the last window");
            return;
        }
        long errors = chains.stream().mapToLong(chain -> chain.errors).sum();
        if (errors > 0) {
            failed("rr_" + inFlight + "_errors",
                    errors + " requests failed, first: "
                            + chains.stream()
                                .map(chain -> chain.firstError)
                                .filter(java.util.Objects::nonNull)
                                .findFirst()
                                .orElse(null));
        }
        long window = TimeUnit.MILLISECONDS.toNanos(windowMillis);
        for (int w = 0; w < windows; w++) {
            long from = start + w * window;
            long to = from + window;
            long[] sorted = chains.stream().flatMapToLong(chain -> chain.endedIn(from, to)).sorted().toArray();
            if (sorted.length == 0) {
                failed("rr_" + inFlight + "_p50_us", "no request ended in window " + (w + 1));
                continue;
            }
            result("rr_" + inFlight + "_p50_us", percentile(sorted, 0.50) / 1e3);
            result("rr_" + inFlight + "_p99_us", percentile(sorted, 0.99) / 1e3);
        }
    }

    /**
     * Nearest rank: the smallest sample with at least q of all samples at or below it.
     */
    static long percentile(long[] sorted, double q) {
        int rank = Math.max(1, (int) Math.ceil(q * sorted.length));
        return sorted[rank - 1];
    }

    static void result(String key, double value) {
        synchronized (System.out) {
            System.out.println(String.format(Locale.ROOT, "RESULT %s %.3f", key, value));
            System.out.flush();
        }
    }

    static void failed(String key, String why) {
        synchronized (System.out) {
            System.out.println("FAILED " + key + " " + why.replace(' ', '_').replace('\n', '_'));
            System.out.flush();
        }
    }

    /**
     * One request in flight at a time: the next one leaves when the last one's reply
     * came. Its samples are written only by the thread completing its current request,
     * one at a time, and read once every chain is done.
     */
    private final class Chain {

        private final byte[] payload;

        private final long end;

        private final CountDownLatch done;

        private long[] ended = new long[1024];

        private long[] nanos = new long[1024];

        private int count;

        private long errors;

        private Throwable firstError;

        Chain(byte[] payload, long end, CountDownLatch done) {
            this.payload = payload;
            this.end = end;
            this.done = done;
        }

        /**
         * Sends requests until one does not complete at once (then its completion carries
         * on) or the figure's end.
         */
        void next() {
            while (true) {
                long began = System.nanoTime();
                CompletableFuture<?> reply;
                try {
                    reply = peer.request(payload).toCompletableFuture();
                }
                catch (RuntimeException ex) {
                    reply = CompletableFuture.failedFuture(ex);
                }
                if (!reply.isDone()) {
                    reply.whenComplete((ignored, error) -> {
                        if (record(began, error)) {
                            next();
                        }
                    });
                    return;
                }
                Throwable error = reply.isCompletedExceptionally() ? reply.handle((r, e) -> e).join() : null;
                if (!record(began, error)) {
                    return;
                }
            }
        }

        /** Records one request; whether to send another. */
        private boolean record(long began, Throwable error) {
            long now = System.nanoTime();
            if (error != null) {
                errors++;
                if (firstError == null) {
                    firstError = error;
                }
            }
            else {
                if (count == ended.length) {
                    ended = Arrays.copyOf(ended, count * 2);
                    nanos = Arrays.copyOf(nanos, count * 2);
                }
                ended[count] = now;
                nanos[count] = now - began;
                count++;
            }
            if (now >= end) {
                done.countDown();
                return false;
            }
            return true;
        }

        java.util.stream.LongStream endedIn(long from, long to) {
            return java.util.stream.IntStream.range(0, count)
                .filter(i -> ended[i] >= from && ended[i] < to)
                .mapToLong(i -> nanos[i]);
        }

    }

}
