package dev.rustbin.dwarf;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps its {@code capacity} most recently used entries: the bounded caches of the DWARF readers. Not synchronized. */
final class RecentlyUsed<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    RecentlyUsed(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
