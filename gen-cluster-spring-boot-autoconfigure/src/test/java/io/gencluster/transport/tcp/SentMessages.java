package io.gencluster.transport.tcp;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.embedded.EmbeddedChannel;

/** What registry tests read back from a link on an embedded channel. */
final class SentMessages {

    private SentMessages() {
    }

    /**
     * The messages written to the link's embedded channel since the last call, in order.
     */
    static List<Message> drain(Link link) {
        EmbeddedChannel channel = (EmbeddedChannel) link.channel;
        List<Message> messages = new ArrayList<>();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            messages.add((Message) message);
        }
        return messages;
    }

}
