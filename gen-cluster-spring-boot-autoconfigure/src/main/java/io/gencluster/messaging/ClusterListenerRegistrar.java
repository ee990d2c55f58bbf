package io.gencluster.messaging;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds the {@link ClusterListener} methods of every bean and, once all singletons exist,
 * makes them the handlers of their topics on the {@link ClusterMessenger}. Two methods
 * for one topic, or a method whose parameters do not fit, fail the start with a message
 * naming both.
 */
public class ClusterListenerRegistrar implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware {

    private record Found(String topic, Object bean, Method method, String beanName) {
    }

    private final Map<String, Found> byTopic = new LinkedHashMap<>();

    private final List<Found> found = new ArrayList<>();

    private BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> type = AopUtils.getTargetClass(bean);
        if (!AnnotationUtils.isCandidateClass(type, ClusterListener.class)) {
            return bean;
        }
        Map<Method, ClusterListener> methods = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<ClusterListener>) method -> AnnotatedElementUtils
                    .findMergedAnnotation(method, ClusterListener.class));
        methods.forEach((method, annotation) -> {
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            Found listener = new Found(annotation.value(), bean, invocable, beanName);
            try {
                ListenerMethod.of(bean, invocable);
            }
            catch (IllegalStateException ex) {
                throw new BeanInitializationException(ex.getMessage() + " (bean '" + beanName + "')");
            }
            Found earlier = byTopic.putIfAbsent(listener.topic(), listener);
            if (earlier != null && !(earlier.bean() == bean && earlier.method().equals(invocable))) {
                throw new BeanInitializationException("Two @ClusterListener methods handle cluster topic '"
                        + listener.topic() + "': " + describe(earlier) + " and " + describe(listener)
                        + ". A topic has one handler in an application: rename one of the topics");
            }
            if (earlier == null) {
                found.add(listener);
            }
        });
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ClusterMessenger messenger = beanFactory.getBean(ClusterMessenger.class);
        for (Found listener : found) {
            messenger.addListener(listener.topic(), listener.bean(), listener.method());
        }
    }

    private static String describe(Found listener) {
        return listener.method().getDeclaringClass().getName() + "." + listener.method().getName() + " (bean '"
                + listener.beanName() + "')";
    }

}
