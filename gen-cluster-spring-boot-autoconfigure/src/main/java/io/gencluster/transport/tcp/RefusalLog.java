package io.gencluster.transport.tcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gencluster.NodeAddress;
import io.gencluster.transport.PeerRejectedException;

/**
 * Says at WARN that a peer refused this node's link, once, and again only when the reason
 * changes or after a link to it came up: a peer with another cookie is dialled again at
 * every backoff, and its refusal would otherwise fill the log. Repeats go to DEBUG. Keeps
 * the last refusal of at most {@value #MAX_PEERS} peers.
 */
final class RefusalLog {

    private static final Logger logger = LoggerFactory.getLogger(TcpTransport.class);

    static final int MAX_PEERS = 1024;

    private final Map<NodeAddress, String> last = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeAddress, String> eldest) {
            return size() > MAX_PEERS;
        }
    };

    /**
     * Logs how one dial of a target ended: refusals once per change, anything else not
     * here.
     */
    void ended(NodeAddress target, @Nullable Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause == null) {
            forget(target);
        }
        else if (cause instanceof PeerRejectedException refused) {
            String message = String.valueOf(refused.getMessage());
            if (changed(target, message)) {
                logger.warn(message);
            }
            else {
                logger.debug(message);
            }
        }
    }

    private synchronized void forget(NodeAddress target) {
        last.remove(target);
    }

    private synchronized boolean changed(NodeAddress target, String message) {
        return !message.equals(last.put(target, message));
    }

}
