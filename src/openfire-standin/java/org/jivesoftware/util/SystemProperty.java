package org.jivesoftware.util;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Stand-in for Openfire's typed system property: only the members the plugin calls. The registry
 * works like Openfire's (a second definition of a key is refused until
 * {@link #removePropertiesForPlugin} runs), and values live in memory instead of the database, with
 * listeners told of every {@link #setValue}, so reload and configuration tests can run.
 */
public final class SystemProperty<T> {

    private static final Map<String, SystemProperty<?>> PROPERTIES = new ConcurrentHashMap<>();

    private final String key;
    private final String plugin;
    private final T defaultValue;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private volatile T value;
    private final boolean dynamic;
    private final T initialValue;

    private SystemProperty(Builder<T> builder) {
        this.key = builder.key;
        this.plugin = builder.plugin;
        this.defaultValue = builder.defaultValue;
        this.listeners.addAll(builder.listeners);
        this.dynamic = builder.dynamic;
        this.initialValue = defaultValue;
    }

    public static Collection<SystemProperty> getProperties() {
        return List.copyOf(PROPERTIES.values());
    }

    public static void removePropertiesForPlugin(String plugin) {
        PROPERTIES.values().removeIf(property -> property.plugin.equals(plugin));
    }

    public static Optional<SystemProperty> getProperty(String key) {
        return Optional.ofNullable(PROPERTIES.get(key));
    }

    public T getValue() {
        T current = value;
        return current == null ? defaultValue : current;
    }

    public T setValue(T value) {
        T previous = this.value;
        this.value = value;
        T effective = getValue();
        listeners.forEach(listener -> listener.accept(effective));
        return previous;
    }

    /** True for a non-dynamic property whose value changed since it was defined (Openfire: since start). */
    public boolean isRestartRequired() {
        return !(dynamic || java.util.Objects.equals(getValue(), initialValue));
    }

    public boolean isDynamic() {
        return dynamic;
    }

    public String getPlugin() {
        return plugin;
    }

    public void addListener(Consumer<T> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<T> listener) {
        listeners.remove(listener);
    }

    public String getKey() {
        return key;
    }

    public T getDefaultValue() {
        return defaultValue;
    }

    public static final class Builder<T> {

        private final Class<T> clazz;
        private final Set<Consumer<T>> listeners = new java.util.LinkedHashSet<>();
        private String key;
        private T defaultValue;
        private ChronoUnit chronoUnit;
        private Boolean dynamic;
        private String plugin = "Openfire";

        private Builder(Class<T> clazz) {
            this.clazz = clazz;
        }

        public static <T> Builder<T> ofType(Class<T> clazz) {
            return new Builder<>(clazz);
        }

        public Builder<T> setKey(String key) {
            this.key = key;
            return this;
        }

        public Builder<T> setDefaultValue(T defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        public Builder<T> setChronoUnit(ChronoUnit chronoUnit) {
            this.chronoUnit = chronoUnit;
            return this;
        }

        public Builder<T> addListener(Consumer<T> listener) {
            listeners.add(listener);
            return this;
        }

        public Builder<T> setDynamic(boolean dynamic) {
            this.dynamic = dynamic;
            return this;
        }

        public Builder<T> setPlugin(String plugin) {
            this.plugin = plugin;
            return this;
        }

        public SystemProperty<T> build() throws IllegalArgumentException {
            if (key == null || plugin == null || dynamic == null) {
                throw new NullPointerException("key, plugin and dynamism must be set");
            }
            if (clazz == Duration.class && chronoUnit == null) {
                throw new NullPointerException("The ChronoUnit for the Duration property has not been set");
            }
            SystemProperty<T> property = new SystemProperty<>(this);
            if (PROPERTIES.putIfAbsent(key, property) != null) {
                throw new IllegalArgumentException("A SystemProperty already exists with a key of " + key);
            }
            return property;
        }
    }
}
