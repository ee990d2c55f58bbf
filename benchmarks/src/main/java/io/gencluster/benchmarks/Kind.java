package io.gencluster.benchmarks;

/** The clustering systems compared. */
public enum Kind {

    /** gen-cluster's TcpTransport and ClusterManager. */
    OURS("gen-cluster", "ours"),

    /**
     * Erlang distribution: real {@code erl} nodes, {@code net_kernel:connect_node/1} over
     * a static list.
     */
    ERLANG("Erlang", "erlang"),

    /** JGroups, the TCP stack with TCPPING. */
    JGROUPS("JGroups", "jgroups");

    private final String title;

    private final String argument;

    Kind(String title, String argument) {
        this.title = title;
        this.argument = argument;
    }

    /** The name shown in the results. */
    public String title() {
        return title;
    }

    /** The name given to {@link NodeMain} and {@link InJvmTask}. */
    public String argument() {
        return argument;
    }

}
