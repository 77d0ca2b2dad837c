package dev.rustbin.calcite.gandiva;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled Gandiva modules kept across queries and connections, keyed by their normalized
 * expression: the LLVM compilation (about a second the first time) is paid once per expression
 * per JVM. Bounded: the least recently used entry is closed when evicted, or, if a running query
 * still holds it, when that query lets go. Gandiva 15 is not safe for concurrent compilation, so
 * every compilation in the JVM goes through one lock.
 */
public final class CompiledCache<K, T> {

    /** Builds the native object; called under the JVM-wide compilation lock. */
    @FunctionalInterface
    public interface Compiler<K, T> {
        T compile(K key) throws Exception;
    }

    /** Releases the native object. */
    @FunctionalInterface
    public interface Closer<T> {
        void close(T compiled) throws Exception;
    }

    private static final Object COMPILATION_LOCK = new Object();

    private final int capacity;
    private final Closer<T> closer;
    private final Map<K, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long compilations;
    private long live;

    public CompiledCache(int capacity, Closer<T> closer) {
        this.capacity = capacity;
        this.closer = closer;
    }

    /** One query's hold on a compiled object; closing it lets eviction release the native code. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public T get() {
            return entry.compiled;
        }

        @Override
        public void close() {
            synchronized (CompiledCache.this) {
                if (!released) {
                    released = true;
                    entry.leases--;
                    closeIfUnused(entry);
                }
            }
        }
    }

    private final class Entry {
        final T compiled;
        int leases;
        boolean evicted;

        Entry(T compiled) {
            this.compiled = compiled;
        }
    }

    /** The cached object for the key, compiled on first use. */
    public Lease acquire(K key, Compiler<K, T> compiler) throws Exception {
        synchronized (this) {
            Lease hit = leaseOf(key);
            if (hit != null) {
                return hit;
            }
        }
        synchronized (COMPILATION_LOCK) {
            synchronized (this) {
                Lease raced = leaseOf(key);
                if (raced != null) {
                    return raced;
                }
            }
            T compiled = compiler.compile(key);
            synchronized (this) {
                compilations++;
                live++;
                Entry entry = new Entry(compiled);
                entries.put(key, entry);
                evictBeyondCapacity();
                return lease(entry);
            }
        }
    }

    /** True when the key is compiled already (a query then costs no JIT time). */
    public synchronized boolean contains(K key) {
        return entries.containsKey(key);
    }

    private Lease leaseOf(K key) {
        Entry entry = entries.get(key);
        return entry == null ? null : lease(entry);
    }

    private Lease lease(Entry entry) {
        entry.leases++;
        return new Lease(entry);
    }

    private void evictBeyondCapacity() {
        Iterator<Entry> eldest = entries.values().iterator();
        while (entries.size() > capacity && eldest.hasNext()) {
            Entry entry = eldest.next();
            eldest.remove();
            entry.evicted = true;
            closeIfUnused(entry);
        }
    }

    private void closeIfUnused(Entry entry) {
        if (entry.evicted && entry.leases == 0) {
            live--;
            try {
                closer.close(entry.compiled);
            } catch (Exception e) {
                throw new IllegalStateException("closing a compiled Gandiva module failed", e);
            }
        }
    }

    /** Closes every entry no query holds; the ones in use close when released. */
    public synchronized void clear() {
        Iterator<Entry> all = entries.values().iterator();
        while (all.hasNext()) {
            Entry entry = all.next();
            all.remove();
            entry.evicted = true;
            closeIfUnused(entry);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Compiled objects not closed yet: cached ones plus evicted ones a query still holds. */
    public synchronized long live() {
        return live;
    }

    public synchronized long compilations() {
        return compilations;
    }
}
