package io.gencluster.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Picks a block of consecutive loopback ports that are free now, below Linux's ephemeral
 * range (32768 and up), so that no outgoing connection of a node can sit on a port
 * another node is about to listen on. The block {@link #SIDE_OFFSET} above is checked
 * too: JGroups' FD_SOCK2 listens there.
 */
public final class FreePorts {

    /** Where JGroups' FD_SOCK2 listens, above each node's transport port. */
    public static final int SIDE_OFFSET = 1000;

    private static final int LOWEST = 10_000;

    private static final int HIGHEST = 30_000;

    private FreePorts() {
    }

    /**
     * Returns {@code count} consecutive loopback ports that were free a moment ago, with
     * their side ports.
     */
    public static List<Integer> take(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - SIDE_OFFSET - count - 10);
            if (free(base, count) && free(base + SIDE_OFFSET, count + 5)) {
                return IntStream.range(base, base + count).boxed().toList();
            }
        }
        throw new IllegalStateException(
                "Could not find " + count + " free consecutive loopback ports between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean free(int from, int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int port = from; port < from + count; port++) {
                sockets.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            }
            return true;
        }
        catch (IOException ex) {
            return false;
        }
        finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                }
                catch (IOException ex) {
                    // a socket we opened a moment ago; nothing to recover
                }
            }
        }
    }

}
