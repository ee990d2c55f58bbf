package io.gencluster.discovery.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server for tests: real DNS messages over UDP and TCP on one
 * random loopback port, answering from a zone the test changes between calls. Per name it
 * can also answer SERVFAIL or REFUSED, stay silent, or send bytes that are not a DNS
 * message. UDP answers larger than the client allows are truncated (TC bit), the full
 * answer comes over TCP.
 */
public final class TestDnsServer implements AutoCloseable {

    /** How the server treats queries for a name, instead of answering from the zone. */
    public enum Fault {

        /** Answer SERVFAIL. */
        SERVFAIL,
        /** Answer REFUSED. */
        REFUSED,
        /** Send nothing back. */
        NO_ANSWER,
        /** Send bytes that carry the query's id but are no DNS message. */
        GARBAGE

    }

    /** A question the server received, and how. */
    public record Query(boolean tcp, Name name, int type) {
    }

    private static final int PLAIN_UDP_LIMIT = 512;

    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();

    private final Map<Name, Fault> faults = new ConcurrentHashMap<>();

    private final Map<String, Fault> typeFaults = new ConcurrentHashMap<>();

    private final List<Query> queries = new CopyOnWriteArrayList<>();

    private final DatagramSocket udp;

    private final ServerSocket tcp;

    private volatile boolean chaseCnames = true;

    private TestDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        start("udp", this::serveUdp);
        start("tcp", this::acceptTcp);
    }

    /** Starts a server on a random loopback port, the same for UDP and TCP. */
    public static TestDnsServer start() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0;; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, loopback);
                return new TestDnsServer(udp, tcp);
            }
            catch (BindException ex) {
                udp.close();
                if (attempt == 10) {
                    throw ex;
                }
            }
        }
    }

    /** The port, for UDP and TCP. */
    public int port() {
        return this.udp.getLocalPort();
    }

    /** This server as a {@code nameservers} entry. */
    public String nameserver() {
        return "127.0.0.1:" + port();
    }

    /**
     * Adds a record given as zone text, such as
     * {@code add("a.example.org.", Type.A, "10.0.0.1")}.
     */
    public TestDnsServer add(String name, int type, String data) {
        Name owner = name(name);
        try {
            Record record = Record.fromString(owner, type, DClass.IN, 60, data, Name.root);
            this.zone.computeIfAbsent(owner, key -> new CopyOnWriteArrayList<>()).add(record);
            return this;
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("Bad test record " + name + " " + Type.string(type) + " " + data, ex);
        }
    }

    /** Adds a PTR record for an address. */
    public TestDnsServer addPtr(String address, String target) {
        try {
            return add(ReverseMap.fromAddress(address).toString(), Type.PTR, target);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("Bad test address " + address, ex);
        }
    }

    /** Removes every record of a name and type. */
    public void remove(String name, int type) {
        List<Record> records = this.zone.get(name(name));
        if (records != null) {
            records.removeIf(record -> record.getType() == type);
        }
    }

    /** Removes one record given as zone text. */
    public void remove(String name, int type, String data) {
        List<Record> records = this.zone.get(name(name));
        if (records != null) {
            records.removeIf(record -> record.getType() == type && record.rdataToString().equals(data));
        }
    }

    /** Makes queries for a name fail the given way, until {@link #heal}. */
    public void fail(String name, Fault fault) {
        this.faults.put(name(name), fault);
    }

    /**
     * Makes queries of one record type for a name fail the given way, as a server that
     * refuses AAAA does.
     */
    public void fail(String name, int type, Fault fault) {
        this.typeFaults.put(name(name) + "/" + type, fault);
    }

    /** Answers queries for a name from the zone again. */
    public void heal(String name) {
        this.faults.remove(name(name));
    }

    /**
     * Whether an answer includes the records a CNAME points to (as resolvers do) or only
     * the CNAME.
     */
    public void chaseCnames(boolean chase) {
        this.chaseCnames = chase;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("Bad test name " + name, ex);
        }
    }

    /** The questions received so far, in order. */
    public List<Query> queries() {
        return List.copyOf(this.queries);
    }

    private void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, "test-dns-" + name + "-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!this.udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                this.udp.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query, false);
                if (answer != null) {
                    this.udp.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            }
            catch (IOException ex) {
                // a closed socket ends the loop; a bad query is ignored as a server would
            }
        }
    }

    private void acceptTcp() {
        while (!this.tcp.isClosed()) {
            try {
                Socket connection = this.tcp.accept();
                start("tcp-connection", () -> serveTcp(connection));
            }
            catch (IOException ex) {
                // closed: the loop ends
            }
        }
    }

    private void serveTcp(Socket connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                byte[] bytes = new byte[in.readUnsignedShort()];
                in.readFully(bytes);
                byte[] answer = answer(new Message(bytes), true);
                if (answer != null) {
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            }
        }
        catch (IOException ex) {
            // the client closed the connection
        }
    }

    private byte[] answer(Message query, boolean overTcp) {
        Record question = query.getQuestion();
        this.queries.add(new Query(overTcp, question.getName(), question.getType()));
        Fault fault = this.faults.getOrDefault(question.getName(),
                this.typeFaults.get(question.getName() + "/" + question.getType()));
        if (fault == Fault.NO_ANSWER) {
            return null;
        }
        if (fault == Fault.GARBAGE) {
            int id = query.getHeader().getID();
            return new byte[] { (byte) (id >> 8), (byte) id, (byte) 0x81, (byte) 0x80, 0, 1, 0, 5, 0, 0, 0, 0, 42, 42,
                    42 };
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        if (fault != null) {
            response.getHeader().setRcode(fault == Fault.SERVFAIL ? Rcode.SERVFAIL : Rcode.REFUSED);
            return response.toWire();
        }
        if (!this.zone.containsKey(question.getName()) || this.zone.get(question.getName()).isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response.toWire();
        }
        for (Record record : recordsFor(question.getName(), question.getType())) {
            response.addRecord(record, Section.ANSWER);
        }
        if (overTcp) {
            return response.toWire();
        }
        OPTRecord edns = query.getOPT();
        return response.toWire(edns == null ? PLAIN_UDP_LIMIT : Math.max(PLAIN_UDP_LIMIT, edns.getPayloadSize()));
    }

    private List<Record> recordsFor(Name name, int type) {
        List<Record> answer = new ArrayList<>();
        Name current = name;
        for (int hop = 0; hop < 10; hop++) {
            List<Record> records = this.zone.getOrDefault(current, List.of());
            List<Record> matching = records.stream().filter(record -> record.getType() == type).toList();
            if (!matching.isEmpty()) {
                answer.addAll(matching);
                return answer;
            }
            CNAMERecord alias = records.stream()
                .filter(CNAMERecord.class::isInstance)
                .map(CNAMERecord.class::cast)
                .findFirst()
                .orElse(null);
            if (alias == null) {
                return answer;
            }
            answer.add(alias);
            if (!this.chaseCnames) {
                return answer;
            }
            current = alias.getTarget();
        }
        return answer;
    }

    @Override
    public void close() throws IOException {
        this.udp.close();
        this.tcp.close();
    }

}
