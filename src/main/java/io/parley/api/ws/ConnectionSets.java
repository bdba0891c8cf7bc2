package io.parley.api.ws;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Connections by what they belong to (a session, an agent): a set per key, dropped when its last
 * connection goes. Adding and removing both happen inside the map's atomic compute, so a connection
 * added while another key's last one is removed (a page reloading: its old connections close as the new
 * ones open) is never left in a set that was just dropped from the map.
 */
final class ConnectionSets<K, V> {

    private final Map<K, Set<V>> byKey = new ConcurrentHashMap<>();

    void add(K key, V value) {
        byKey.compute(key, (k, values) -> {
            Set<V> held = values != null ? values : ConcurrentHashMap.newKeySet();
            held.add(value);
            return held;
        });
    }

    void remove(K key, V value) {
        byKey.computeIfPresent(key, (k, values) -> {
            values.remove(value);
            return values.isEmpty() ? null : values;
        });
    }

    /** The key's connections now (a live view; empty when it has none). */
    Set<V> of(K key) {
        return byKey.getOrDefault(key, Set.of());
    }

    boolean holds(K key) {
        return byKey.containsKey(key);
    }

    Set<K> keys() {
        return Set.copyOf(byKey.keySet());
    }

    Stream<V> all() {
        return byKey.values().stream().flatMap(Set::stream);
    }
}
