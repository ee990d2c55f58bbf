package io.gencluster.membership;

import java.util.concurrent.ThreadFactory;

/** The membership core's own threads: named, and daemons so they never keep a JVM up. */
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
