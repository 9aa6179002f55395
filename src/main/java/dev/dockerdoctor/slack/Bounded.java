package dev.dockerdoctor.slack;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps only its newest {@code capacity} entries (by insertion): memory the bot cannot outgrow. */
final class Bounded {
    private Bounded() {
    }

    static <K, V> Map<K, V> newest(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
