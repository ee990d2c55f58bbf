package io.gencluster.discovery.epmd;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The answer to {@code ALIVE2_REQ}: {@code ALIVE2_RESP} (code 121, 2-byte creation) from
 * port mappers before OTP 23 or for nodes that speak only distribution version 5,
 * {@code ALIVE2_X_RESP} (code 118, 4-byte creation) otherwise.
 *
 * @param result 0 when registered; anything else means the name is taken (or the request
 * was refused)
 * @param creation the number the port mapper gave this registration
 * @param extended whether the 4-byte {@code ALIVE2_X_RESP} form is used
 */
record Alive2Reply(int result, long creation, boolean extended) {

    /** Code of the 2-byte-creation reply. */
    static final int ALIVE2_RESP = 121;

    /** Code of the 4-byte-creation reply. */
    static final int ALIVE2_X_RESP = 118;

    /** Whether the port mapper accepted the registration. */
    boolean registered() {
        return result == 0;
    }

    /** The reply bytes (replies carry no length prefix). */
    byte[] encode() {
        if (extended) {
            return ByteBuffer.allocate(6).put((byte) ALIVE2_X_RESP).put((byte) result).putInt((int) creation).array();
        }
        return ByteBuffer.allocate(4).put((byte) ALIVE2_RESP).put((byte) result).putShort((short) creation).array();
    }

    /**
     * Reads either form.
     * @throws EpmdProtocolException when the reply is neither form or ends early
     */
    static Alive2Reply read(ReplyReader in) throws IOException {
        int code = in.u8("ALIVE2 reply code");
        return switch (code) {
            case ALIVE2_X_RESP ->
                new Alive2Reply(in.u8("ALIVE2_X_RESP result"), in.u32("ALIVE2_X_RESP creation"), true);
            case ALIVE2_RESP -> new Alive2Reply(in.u8("ALIVE2_RESP result"), in.u16("ALIVE2_RESP creation"), false);
            default -> throw new EpmdProtocolException("unexpected reply from the port mapper at " + in.peer()
                    + ": code " + code + " where ALIVE2_RESP (121) or ALIVE2_X_RESP (118) belongs; is it an epmd?");
        };
    }
}
