package io.gencluster.discovery.epmd;

/**
 * The port mapper refused a registration because a live node already holds the name: as
 * in Erlang, node names on one host must be unique.
 */
public class NodeNameTakenException extends EpmdProtocolException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message naming the node, the port mapper and the fix.
     */
    public NodeNameTakenException(String name, String portMapper) {
        super("node name '" + name + "' is already registered with the port mapper on " + portMapper
                + ": give each node its own name");
    }

}
