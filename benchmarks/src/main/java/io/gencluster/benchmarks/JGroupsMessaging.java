package io.gencluster.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.blocks.MethodCall;
import org.jgroups.blocks.RequestOptions;
import org.jgroups.blocks.RpcDispatcher;

/**
 * The JGroups side of the messaging benchmark, server or client, each in its own JVM, on
 * the benchmark's stack ({@link JGroupsStack}). Each JVM holds two channels: a plain one
 * whose receiver counts the messages sent to it with {@link JChannel#send(Message)}, and
 * one under an {@link RpcDispatcher} that answers {@code echo} and {@code read} (JGroups
 * 5's dispatcher drops messages that are not its requests, so one channel cannot carry
 * both). The client's figures are measured by {@link MessagingDriver}.
 * <p>
 * Arguments:
 * {@code server|client name dataPort rpcPort dataPort1,dataPort2 rpcPort1,rpcPort2}, and
 * for the client {@code warmupMs windows windowMs}.
 */
public final class JGroupsMessaging {

    private static final RequestOptions CALL = RequestOptions.SYNC().timeout(30_000);

    private JGroupsMessaging() {
    }

    /**
     * Runs the server (until killed) or the client (until it has measured everything).
     */
    public static void main(String[] args) throws Exception {
        String name = args[1];
        JChannel data = channel(name + "-data", Integer.parseInt(args[2]), args[4]);
        JChannel rpc = channel(name + "-rpc", Integer.parseInt(args[3]), args[5]);
        if (args[0].equals("server")) {
            Handlers handlers = new Handlers();
            data.setReceiver(new Receiver() {
                @Override
                public void receive(Message message) {
                    handlers.count.incrementAndGet();
                }
            });
            new RpcDispatcher(rpc, handlers);
            data.connect(JGroupsNode.CLUSTER + "-data");
            rpc.connect(JGroupsNode.CLUSTER + "-rpc");
            WallClock.report("READY");
            new CountDownLatch(1).await();
        }
        RpcDispatcher dispatcher = new RpcDispatcher(rpc, null);
        data.connect(JGroupsNode.CLUSTER + "-data");
        rpc.connect(JGroupsNode.CLUSTER + "-rpc");
        Peer peer = new Peer(data, awaitOther(data, Duration.ofSeconds(60)), dispatcher,
                awaitOther(rpc, Duration.ofSeconds(60)));
        WallClock.report("READY");
        MessagingDriver.of(peer, args).run();
        data.close();
        rpc.close();
        System.exit(0);
    }

    private static JChannel channel(String name, int port, String portList) throws Exception {
        List<Integer> ports = Arrays.stream(portList.split(",")).map(Integer::valueOf).toList();
        JChannel channel = new JChannel(new ByteArrayInputStream(
                JGroupsStack.xml(port, ports, Heartbeats.DEFAULTS).getBytes(StandardCharsets.UTF_8)));
        channel.name(name);
        return channel;
    }

    private static Address awaitOther(JChannel channel, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Address> members = channel.getView().getMembers();
            if (members.size() == 2) {
                return members.stream()
                    .filter(member -> !member.equals(channel.getAddress()))
                    .findFirst()
                    .orElseThrow();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("The server channel did not join within " + timeout);
    }

    /** What the server's RpcDispatcher calls (public: it is called by reflection). */
    public static final class Handlers {

        private final AtomicLong count = new AtomicLong();

        /** Replies with the request. */
        public byte[] echo(byte[] payload) {
            return payload;
        }

        /** The messages counted so far and this JVM's clock, in microseconds. */
        public long[] read() {
            return new long[] { count.get(), System.nanoTime() / 1000 };
        }

    }

    private record Peer(JChannel data, Address dataServer, RpcDispatcher dispatcher,
            Address server) implements MessagingPeer {

        @Override
        public void send(byte[] payload) throws Exception {
            data.send(new BytesMessage(dataServer, payload));
        }

        @Override
        public long[] read() throws Exception {
            return dispatcher.callRemoteMethod(server, new MethodCall("read", new Object[0], new Class<?>[0]), CALL);
        }

        @Override
        public CompletionStage<?> request(byte[] payload) {
            try {
                return dispatcher.callRemoteMethodWithFuture(server,
                        new MethodCall("echo", new Object[] { payload }, new Class<?>[] { byte[].class }), CALL);
            }
            catch (Exception ex) {
                return CompletableFuture.failedFuture(ex);
            }
        }

    }

}
