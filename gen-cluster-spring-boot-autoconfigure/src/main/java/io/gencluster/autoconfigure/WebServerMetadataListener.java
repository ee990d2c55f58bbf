package io.gencluster.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Hands the ports of the web servers to {@link NodeMetadataSources} as they start: the
 * application's (with its scheme, https when {@code server.ssl} is on) and a separate
 * management server's.
 */
final class WebServerMetadataListener implements ApplicationListener<WebServerInitializedEvent> {

    private final NodeMetadataSources metadata;

    private final ObjectProvider<ServerProperties> server;

    WebServerMetadataListener(NodeMetadataSources metadata, ObjectProvider<ServerProperties> server) {
        this.metadata = metadata;
        this.server = server;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        ServerProperties properties = server.getIfAvailable();
        boolean secure = properties != null && Ssl.isEnabled(properties.getSsl());
        metadata.webServerStarted(event.getApplicationContext().getServerNamespace(), event.getWebServer().getPort(),
                secure);
    }

}
