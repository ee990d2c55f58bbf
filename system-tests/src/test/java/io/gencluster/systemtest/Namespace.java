package io.gencluster.systemtest;

import java.util.ArrayList;
import java.util.List;

/**
 * One network namespace of the lab: its name, its address on the lab bridge and the name
 * of the bridge-side end of its veth pair (the cable the partition scenario unplugs).
 */
record Namespace(String name, String address, String bridgeSideLink) {

    /** The command line that runs {@code command} inside this namespace. */
    List<String> command(String... command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", name));
        line.addAll(List.of(command));
        return line;
    }

    /**
     * Runs a short command inside this namespace and returns its output, failing when it
     * fails.
     */
    String run(String... command) {
        return HostCommand.run(command(command).toArray(String[]::new));
    }
}
