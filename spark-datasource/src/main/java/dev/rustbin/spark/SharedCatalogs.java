package dev.rustbin.spark;

import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.format.BinaryTarget;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binaries this executor opened last, shared by its tasks: the slices of one large binary's
 * code, which run as separate tasks, open it, parse its symbols and index its functions once. A
 * few are kept (least recently used go), each closed once no task still reads it; a file that
 * changed is opened again, as in a JDBC connection.
 */
final class SharedCatalogs {

    private static final int KEPT = 8;

    /** One binary's catalog and the tasks reading it now. */
    private static final class Shared {
        private final BinaryCatalog catalog;
        private int readers;
        private boolean evicted;

        Shared(BinaryTarget target) {
            this.catalog = new BinaryCatalog(List.of(target));
        }
    }

    /** A task's hold on one binary's catalog; closing it lets the catalog go. */
    static final class Lease implements AutoCloseable {
        private final Shared shared;
        private boolean closed;

        private Lease(Shared shared) {
            this.shared = shared;
        }

        BinaryCatalog catalog() {
            return shared.catalog;
        }

        @Override
        public void close() {
            synchronized (RECENT) {
                if (!closed) {
                    closed = true;
                    shared.readers--;
                    closeIfUnused(shared);
                }
            }
        }
    }

    private static final Map<String, Shared> RECENT = new LinkedHashMap<>(16, 0.75f, true);

    private SharedCatalogs() {
    }

    static Lease acquire(BinaryTarget target) {
        synchronized (RECENT) {
            // a directory's member is read through when opened, a named file is not: they are kept apart
            String key = target.pathText() + (target.fromDirectory() ? "" : "\0named");
            Shared shared = RECENT.computeIfAbsent(key, k -> new Shared(target));
            shared.readers++;
            Iterator<Shared> oldest = RECENT.values().iterator();
            while (RECENT.size() > KEPT) {
                Shared evicted = oldest.next();
                oldest.remove();
                evicted.evicted = true;
                closeIfUnused(evicted);
            }
            return new Lease(shared);
        }
    }

    private static void closeIfUnused(Shared shared) {
        if (shared.evicted && shared.readers == 0) {
            shared.catalog.close();
        }
    }
}
