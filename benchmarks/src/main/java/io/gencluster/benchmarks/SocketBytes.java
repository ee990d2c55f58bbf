package io.gencluster.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes the given processes have sent on their open TCP sockets, from the kernel's
 * per-socket counters ({@code ss -tinp}, field {@code bytes_sent}): what went on the
 * wire, headers of TCP aside.
 */
public final class SocketBytes {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private static final Pattern SENT = Pattern.compile("bytes_sent:(\\d+)");

    private SocketBytes() {
    }

    /**
     * The sum of {@code bytes_sent} over every established TCP socket of the processes.
     */
    public static long sent(Set<Long> pids) {
        try {
            Process ss = new ProcessBuilder("ss", "-tinpH", "state", "established").redirectErrorStream(true).start();
            long total = 0;
            boolean ours = false;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(ss.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    Matcher pid = PID.matcher(line);
                    if (pid.find()) {
                        ours = pids.contains(Long.parseLong(pid.group(1)));
                        continue;
                    }
                    Matcher sent = SENT.matcher(line);
                    if (ours && sent.find()) {
                        total += Long.parseLong(sent.group(1));
                    }
                }
            }
            ss.waitFor(10, TimeUnit.SECONDS);
            return total;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not run ss (apt-get install -y iproute2)", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading socket counters", ex);
        }
    }

}
