package io.gencluster.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.gencluster.membership.ClusterManager;

/**
 * Says once at start, as one warning, when {@code gen-cluster.*} properties are set but
 * nothing turns the cluster on (so a typo such as {@code gen-cluster.discovery.stategy}
 * does not leave it off without a word), and names every key under {@code gen-cluster}
 * that no property has, cluster on or off. {@code gen-cluster.enabled=false} silences it.
 * The known keys are read from {@link GenClusterProperties} itself, so they never drift
 * from it.
 */
final class GenClusterConfigurationCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(GenClusterConfigurationCheck.class);

    private static final String PREFIX = "gen-cluster";

    private final Environment environment;

    private final ListableBeanFactory beans;

    GenClusterConfigurationCheck(Environment environment, ListableBeanFactory beans) {
        this.environment = environment;
        this.beans = beans;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!Binder.get(environment).bind(PREFIX + ".enabled", Boolean.class).orElse(true)) {
            return;
        }
        Set<String> known = knownKeys();
        Map<String, String> set = setProperties(known);
        List<String> unknown = set.entrySet()
            .stream()
            .filter(entry -> !known.contains(entry.getKey()))
            .map(Map.Entry::getValue)
            .toList();
        String unknownText = unknown.isEmpty() ? ""
                : " Unknown, so ignored: " + String.join(", ", unknown) + " (check the spelling).";
        boolean on = beans.getBeanNamesForType(ClusterManager.class, true, false).length > 0;
        if (!on && !set.isEmpty() && !set.containsKey("discoverystrategy")) {
            log.warn(
                    "gen-cluster is off although gen-cluster properties are set: {} is missing (static, dns or epmd)."
                            + "{} Set it to join the cluster, or set {}.enabled=false to silence this.",
                    PREFIX + ".discovery.strategy", unknownText, PREFIX);
        }
        else if (!unknown.isEmpty()) {
            log.warn("gen-cluster:{}", unknownText);
        }
    }

    /**
     * The keys under {@code gen-cluster} that the configuration sets, in a uniform form
     * (lower case, no separators, no list indexes) mapped to how they are shown.
     * Environment variables count only when they set a known key: other
     * {@code GEN_CLUSTER_*} variables are often placeholders such as
     * {@code ${GEN_CLUSTER_COOKIE}}, not misspelt properties.
     */
    private Map<String, String> setProperties(Set<String> known) {
        Map<String, String> set = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean environmentVariables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.stream().forEach(name -> {
                String key = key(name);
                if (key != null && !(environmentVariables && !known.contains(key))) {
                    set.putIfAbsent(key, shown(source, name));
                }
            });
        }
        return set;
    }

    /**
     * The uniform key after {@code gen-cluster}, or {@code null} for a name outside it.
     */
    private static @Nullable String key(ConfigurationPropertyName name) {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (!name.isNumericIndex(i)) {
                elements.add(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM));
            }
        }
        // GEN_CLUSTER_X arrives as gen.cluster.x: the environment cannot tell a dash from
        // a dot.
        int skip = !elements.isEmpty() && elements.get(0).equals("gencluster") ? 1
                : elements.size() > 1 && elements.get(0).equals("gen") && elements.get(1).equals("cluster") ? 2 : 0;
        return skip == 0 || elements.size() == skip ? null : String.join("", elements.subList(skip, elements.size()));
    }

    private static String shown(ConfigurationPropertySource source, ConfigurationPropertyName name) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        return property == null || property.getOrigin() == null ? name.toString()
                : name + " (" + property.getOrigin() + ")";
    }

    /**
     * Every property of {@link GenClusterProperties}, in the uniform form of
     * {@link #key}.
     */
    static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        collect(GenClusterProperties.class, "", keys);
        return keys;
    }

    private static void collect(Class<?> type, String prefix, Set<String> keys) {
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            Class<?> propertyType = descriptor.getPropertyType();
            if (descriptor.getReadMethod() == null || propertyType == null || descriptor.getName().equals("class")) {
                continue;
            }
            String key = prefix + descriptor.getName().toLowerCase(Locale.ROOT);
            if (propertyType.getDeclaringClass() == GenClusterProperties.class) {
                collect(propertyType, key, keys);
            }
            else if (descriptor.getWriteMethod() != null) {
                keys.add(key);
            }
        }
    }

}
