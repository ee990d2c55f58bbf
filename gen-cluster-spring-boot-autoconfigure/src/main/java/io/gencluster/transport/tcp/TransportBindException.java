package io.gencluster.transport.tcp;

import java.io.IOException;
import java.net.BindException;

/**
 * The transport could not listen for peers on its address and port: the port is taken,
 * the address is not one of this machine's, or the address cannot be resolved. Carries
 * both so that whoever configured them can say which setting to change.
 */
public class TransportBindException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String bindAddress;

    private final int port;

    /**
     * Creates the exception for a failed bind.
     * @param bindAddress the address the transport tried to listen on
     * @param port the port it tried to listen on
     * @param cause why the bind failed
     */
    public TransportBindException(String bindAddress, int port, Throwable cause) {
        super(message(bindAddress, port, cause), cause);
        this.bindAddress = bindAddress;
        this.port = port;
    }

    private static String message(String bindAddress, int port, Throwable cause) {
        String where = "Cannot listen on " + bindAddress + ":" + port;
        return cause instanceof BindException
                ? where + ": port " + port + " is already in use (or the address is not local)" : where + ": " + cause;
    }

    /** The address the transport tried to listen on. */
    public String bindAddress() {
        return bindAddress;
    }

    /** The port the transport tried to listen on. */
    public int port() {
        return port;
    }

    /**
     * Whether the operating system refused the address and port (taken, or not a local
     * address).
     */
    public boolean isAddressInUse() {
        return getCause() instanceof BindException;
    }

}
