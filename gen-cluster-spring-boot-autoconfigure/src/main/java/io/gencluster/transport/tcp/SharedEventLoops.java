package io.gencluster.transport.tcp;

import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The event loops every {@link TcpTransport} of this JVM runs on: started with the first
 * transport, shut down with the last. A JVM that runs many nodes (tests, benchmarks, an
 * application in several clusters) then runs as many event-loop threads as one node
 * would, not as many per node: with 100 nodes forming in one JVM on 2 cores, 200 event
 * loops took turns so slowly that handshakes ran out of time, and were all done again.
 */
final class SharedEventLoops {

    /** How long the last user waits for the loops to finish their work. */
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 3000;

    /** How many event-loop threads: as many as the cores, at most four. */
    static final int THREADS = Math.min(4, Runtime.getRuntime().availableProcessors());

    /** The loops of this JVM's transports. */
    static final SharedEventLoops JVM = new SharedEventLoops();

    private @Nullable EventLoopGroup group;

    private int users;

    /** The loops, started when no transport holds them. */
    synchronized EventLoopGroup acquire() {
        EventLoopGroup loops = group;
        if (loops == null) {
            loops = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("gen-cluster-transport", true),
                    NioIoHandler.newFactory());
            group = loops;
        }
        users++;
        return loops;
    }

    /** How many transports hold the loops now. */
    synchronized int users() {
        return users;
    }

    /**
     * A transport is done with the loops it acquired; the last one shuts them down and
     * waits for that, for at most three seconds.
     */
    void release(EventLoopGroup loops) {
        synchronized (this) {
            if (loops != group) {
                return;
            }
            users--;
            if (users > 0) {
                return;
            }
            group = null;
        }
        loops.shutdownGracefully(20, SHUTDOWN_TIMEOUT_MILLIS - 1000, TimeUnit.MILLISECONDS)
            .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

}
