package io.gencluster.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A relay without the cookie, run as its own JVM inside a lab namespace: it dials two
 * nodes' transport ports and forwards whatever either sends to the other, hoping they
 * authenticate to each other through it (what the old challenge handshake allowed). It
 * prints how many bytes crossed each way and when each node closed its connection,
 * counted from the dial.
 * <p>
 * Usage: {@code TransportRelay <host-a> <host-b> <port> <watch-seconds>}. Prints one
 * line: {@code aToB=N bToA=N closedAMs=N closedBMs=N} ({@code -1}: still open when the
 * watch ended).
 */
public final class TransportRelay {

    private TransportRelay() {
    }

    /**
     * Relays between the two nodes until both close or the watch ends, then prints what
     * happened.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: TransportRelay <host-a> <host-b> <port> <watch-seconds>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[2]);
        long started = System.nanoTime();
        try (Socket a = new Socket(); Socket b = new Socket()) {
            a.connect(new InetSocketAddress(args[0], port), 3000);
            b.connect(new InetSocketAddress(args[1], port), 3000);
            Pipe aToB = new Pipe(a.getInputStream(), b.getOutputStream(), started);
            Pipe bToA = new Pipe(b.getInputStream(), a.getOutputStream(), started);
            aToB.start();
            bToA.start();
            long watchMs = TimeUnit.SECONDS.toMillis(Long.parseLong(args[3]));
            aToB.join(watchMs);
            bToA.join(Math.max(1, watchMs - (System.nanoTime() - started) / 1_000_000));
            System.out.println("aToB=" + aToB.bytes.get() + " bToA=" + bToA.bytes.get() + " closedAMs="
                    + aToB.closedAtMs.get() + " closedBMs=" + bToA.closedAtMs.get());
        }
    }

    /** Copies one direction and notes when its source closed. */
    private static final class Pipe extends Thread {

        private final InputStream from;

        private final OutputStream to;

        private final long started;

        final AtomicLong bytes = new AtomicLong();

        final AtomicLong closedAtMs = new AtomicLong(-1);

        Pipe(InputStream from, OutputStream to, long started) {
            this.from = from;
            this.to = to;
            this.started = started;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                for (int read = from.read(buffer); read >= 0; read = from.read(buffer)) {
                    bytes.addAndGet(read);
                    to.write(buffer, 0, read);
                    to.flush();
                }
            }
            catch (IOException ex) {
                // a reset is a close too
            }
            closedAtMs.set((System.nanoTime() - started) / 1_000_000);
        }

    }

}
