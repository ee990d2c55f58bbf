package io.gencluster.messaging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ReflectionUtils;

import io.gencluster.ClusterNode;

/**
 * A {@link ClusterListener} method and its bean: which parameter takes the payload (and
 * of what type) and which, if any, the sender.
 */
final class ListenerMethod {

    private final Object bean;

    private final Method method;

    private final int payloadIndex;

    private final int senderIndex;

    private ListenerMethod(Object bean, Method method, int payloadIndex, int senderIndex) {
        this.bean = bean;
        this.method = method;
        this.payloadIndex = payloadIndex;
        this.senderIndex = senderIndex;
    }

    /**
     * The handler a method makes: one payload parameter, optionally a {@link ClusterNode}
     * (the sender).
     * @throws IllegalStateException naming the method when its parameters are not that
     */
    static ListenerMethod of(Object bean, Method method) {
        Class<?>[] types = method.getParameterTypes();
        int payload = -1;
        int sender = -1;
        if (types.length == 1) {
            payload = 0;
        }
        else if (types.length == 2) {
            sender = types[1] == ClusterNode.class ? 1 : types[0] == ClusterNode.class ? 0 : -1;
            payload = sender == -1 ? -1 : 1 - sender;
        }
        if (payload == -1) {
            throw new IllegalStateException("@ClusterListener method " + describe(method)
                    + " must take one payload parameter and optionally a ClusterNode (the sender), not " + types.length
                    + " parameters");
        }
        ReflectionUtils.makeAccessible(method);
        return new ListenerMethod(bean, method, payload, sender);
    }

    /** What the payload decodes into: the payload parameter's (maybe generic) type. */
    Type payloadType() {
        return method.getGenericParameterTypes()[payloadIndex];
    }

    /**
     * Calls the method.
     * @return its return value ({@code null} for {@code void})
     * @throws InvocationTargetException when the method threw
     * @throws IllegalArgumentException when the payload does not fit the parameter (a
     * {@code null} for a primitive)
     */
    @Nullable Object invoke(@Nullable Object payload, ClusterNode sender) throws InvocationTargetException {
        Object[] arguments = new Object[senderIndex == -1 ? 1 : 2];
        arguments[payloadIndex] = payload;
        if (senderIndex != -1) {
            arguments[senderIndex] = sender;
        }
        try {
            return method.invoke(bean, arguments);
        }
        catch (IllegalAccessException ex) {
            throw new IllegalStateException("Cannot call " + this, ex);
        }
    }

    @Override
    public String toString() {
        return describe(method);
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }

}
