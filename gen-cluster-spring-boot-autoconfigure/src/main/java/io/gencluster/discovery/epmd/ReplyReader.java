package io.gencluster.discovery.epmd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the fields of a port mapper's reply, each read bounded: a reply that ends early
 * or runs too long fails with the field and the peer named, and no length read from the
 * wire allocates more than the caller allows.
 */
final class ReplyReader {

    private final InputStream in;

    private final String peer;

    private long consumed;

    /**
     * Creates a reader.
     * @param in the reply bytes; a socket stream should carry its own read deadline
     * @param peer the port mapper, as {@code host:port}, for messages
     */
    ReplyReader(InputStream in, String peer) {
        this.in = in;
        this.peer = peer;
    }

    /** The port mapper this reader reads from, for messages. */
    String peer() {
        return peer;
    }

    int u8(String field) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw truncated(field);
        }
        consumed++;
        return b;
    }

    int u16(String field) throws IOException {
        return (u8(field) << 8) | u8(field);
    }

    long u32(String field) throws IOException {
        return ((long) u16(field) << 16) | u16(field);
    }

    /**
     * Reads exactly {@code length} bytes; the caller has checked {@code length} against
     * its limit.
     */
    byte[] bytes(int length, String field) throws IOException {
        byte[] bytes = in.readNBytes(length);
        consumed += bytes.length;
        if (bytes.length < length) {
            throw truncated(field);
        }
        return bytes;
    }

    /**
     * Reads until the port mapper closes the connection, failing past {@code maxBytes}.
     */
    byte[] toEnd(int maxBytes, String field) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > maxBytes) {
                throw new EpmdProtocolException(
                        field + " from the port mapper at " + peer + " is longer than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
            consumed += n;
        }
        return out.toByteArray();
    }

    private EpmdProtocolException truncated(String field) {
        return new EpmdProtocolException("truncated reply from the port mapper at " + peer
                + ": connection closed after " + consumed + " bytes, before the " + field);
    }

}
