package io.gencluster.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks ports that are free on loopback now, so each run's static node list names fresh ports. */
public final class FreePorts {

    private FreePorts() {
    }

    /** Returns {@code count} distinct loopback ports that were free a moment ago. */
    public static List<Integer> take(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not find " + count + " free loopback ports", ex);
        }
        finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                }
                catch (IOException ex) {
                    // closing a listening socket we own; nothing to recover
                }
            }
        }
    }
}
