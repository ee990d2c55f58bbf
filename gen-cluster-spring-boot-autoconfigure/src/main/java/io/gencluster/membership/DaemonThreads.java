package io.gencluster.membership;

import java.util.concurrent.ThreadFactory;

/**
 * Threads named for their job that never keep the JVM alive: the cluster's refresh and
 * event threads.
 */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

}
