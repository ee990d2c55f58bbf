package io.gencluster.actuate;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

import io.gencluster.actuate.ClusterEndpoint.MemberDescriptor;

/**
 * The HTTP side of {@link ClusterEndpoint}: {@code DELETE /actuator/cluster/{node}}
 * answers 404 for an unknown member, where a plain delete operation returning nothing
 * would answer 204.
 */
@EndpointWebExtension(endpoint = ClusterEndpoint.class)
public class ClusterEndpointWebExtension {

    private final ClusterEndpoint delegate;

    /**
     * Creates the extension.
     * @param delegate the endpoint it extends
     */
    public ClusterEndpointWebExtension(ClusterEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * Disconnects a member: 200 with the member as it was, or 404 when no member has that
     * id.
     */
    @DeleteOperation
    public WebEndpointResponse<MemberDescriptor> disconnect(@Selector String node) {
        MemberDescriptor member = delegate.disconnect(node);
        return member != null ? new WebEndpointResponse<>(member)
                : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }

}
