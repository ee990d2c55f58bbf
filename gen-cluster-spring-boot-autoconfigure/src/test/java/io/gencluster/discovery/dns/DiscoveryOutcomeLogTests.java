package io.gencluster.discovery.dns;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * {@link DiscoveryOutcomeLog} warns once per change of outcome, not once per refresh.
 */
class DiscoveryOutcomeLogTests {

    private final Logger logger = mock(Logger.class);

    private final DiscoveryOutcomeLog log = new DiscoveryOutcomeLog(this.logger, "dns srv _cluster._tcp.example.org");

    @Test
    void warnsOnceForTheSameFailureAndAgainWhenItChanges() {
        this.log.failed(new DnsLookupException("SRV lookup failed: SERVFAIL", null));
        this.log.failed(new DnsLookupException("SRV lookup failed: SERVFAIL", null));
        this.log.failed(new DnsLookupException("SRV lookup failed: SERVFAIL", null));
        verify(this.logger, times(1)).warn(anyString(), any(Object.class), eq("SRV lookup failed: SERVFAIL"));

        this.log.failed(new DnsLookupException("SRV lookup failed: no answer within 5000ms", null));
        verify(this.logger, times(1)).warn(anyString(), any(Object.class), eq("SRV lookup failed: no answer within 5000ms"));
    }

    @Test
    void logsTheRecoveryAtInfoOnce() {
        this.log.failed(new DnsLookupException("SRV lookup failed: SERVFAIL", null));
        this.log.succeeded(3);
        this.log.succeeded(3);

        verify(this.logger, times(1)).info(anyString(), any(Object.class), eq(3));
    }

    @Test
    void staysQuietWhileAllGoesWell() {
        this.log.succeeded(2);
        this.log.succeeded(2);

        verify(this.logger, never()).info(anyString(), any(Object.class), any(Object.class));
        verify(this.logger, never()).warn(anyString(), any(Object.class), any(Object.class));
    }
}
