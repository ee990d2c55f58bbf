package io.gencluster.systemtest;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What a {@link TransportProbe} run saw: how many connections it opened (and how long
 * opening them took), how many the node closed, the median and slowest close, the frame
 * types the node sent on the first one and the reason of its reject.
 */
record ProbeOutcome(int opened, int closed, long maxCloseMs, long medianCloseMs, long openingMs, String frames,
        String reject) {

    /**
     * Runs {@link TransportProbe} in its own JVM inside {@code from}, against
     * {@code target}'s transport port.
     */
    static ProbeOutcome run(Namespace from, SampleNode target, String mode, int connections, Duration watch) {
        String classes;
        try {
            classes = Path.of(TransportProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        HostCommand.Result result = HostCommand.attempt(watch.plusSeconds(60),
                from.command(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", classes, TransportProbe.class.getName(),
                        mode, target.address(), Integer.toString(SampleNode.TRANSPORT_PORT),
                        Integer.toString(connections), Long.toString(watch.toSeconds()))
                    .toArray(String[]::new));
        if (!result.succeeded()) {
            throw new IllegalStateException("the " + mode + " probe failed: " + result.output());
        }
        Map<String, String> fields = new HashMap<>();
        String line = result.output().strip().lines().reduce((first, last) -> last).orElse("");
        for (String field : line.split(" ")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        if (!fields.containsKey("opened")) {
            throw new IllegalStateException("the " + mode + " probe printed no result: " + result.output());
        }
        return new ProbeOutcome(Integer.parseInt(fields.get("opened")), Integer.parseInt(fields.get("closed")),
                Long.parseLong(fields.get("maxCloseMs")), Long.parseLong(fields.get("medianCloseMs")),
                Long.parseLong(fields.get("openingMs")), fields.get("frames"), fields.get("reject"));
    }
}
