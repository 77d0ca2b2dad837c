package dev.rustbin.cache;

import dev.rustbin.format.LoadedBinary;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.schema.BatchSource;
import dev.rustbin.schema.RecordBatchStream;
import dev.rustbin.schema.ScanProgress;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.TableSchema;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A scan of a cached table, binary by binary: a binary with an entry holding the scan's columns is
 * read back from it; one without is extracted, and when the scan reads all of it, what is extracted
 * is also written as its entry. A scan the row source may prune (a filter on a function or an
 * address range) reads only part of a binary, so it neither reads nor writes entries: extracting
 * that part is cheap. A scan may also read one fixed part of each binary (a Spark task's code slice):
 * then that part is what an entry holds, under a key of its own.
 */
public final class CachedScan<R> implements BatchSource {

    /** What a scan does with the cache for one binary, as EXPLAIN shows it. */
    public enum Use { HIT, MISS, BYPASS }

    private final TableSchema<R> table;
    private final int[] projection;
    private final ScanRequest request;
    private final ScanRequest part;
    private final Iterator<LoadedBinary> binaries;
    private final SnapshotRegistry snapshots;
    private final BufferAllocator allocator;
    private final Runnable checkpoint;
    private final TableCache cache;
    private BatchSource current;
    private RecordBatchStream<R> extracting;
    private TableCache.Filling filling;

    /**
     * @param request what the query lets the scan skip
     * @param part the predicates marking out the rows of each binary the scan reads and an entry holds
     *             ({@link ScanRequest#UNRESTRICTED}: all of them)
     */
    public CachedScan(TableSchema<R> table, int[] projection, ScanRequest request, ScanRequest part, Iterator<LoadedBinary> binaries,
                      SnapshotRegistry snapshots, BufferAllocator allocator, Runnable checkpoint, TableCache cache) {
        this.table = table;
        this.projection = projection.clone();
        this.request = request;
        this.part = part;
        this.binaries = binaries;
        this.snapshots = snapshots;
        this.allocator = allocator;
        this.checkpoint = checkpoint;
        this.cache = cache;
    }

    /** What a scan of {@code part} of {@code binary} with {@code request} does with the cache (the entry is checked only when read). */
    public static Use use(TableCache cache, TableSchema<?> table, LoadedBinary binary, int[] projection, ScanRequest request, ScanRequest part) {
        if (table.prunedBy(request) || binary.image() == null) {
            return Use.BYPASS;
        }
        return cache.has(CacheKey.of(table, binary, part), TableCache.columnsOf(projection)) ? Use.HIT : Use.MISS;
    }

    /** True when the batch just returned was read back from an entry, not extracted. */
    public boolean readingEntry() {
        return current instanceof MappedEntry;
    }

    /** The checkpoint runs per batch too: batches read back are many rows that no row source checks between. */
    @Override
    public boolean next() {
        checkpoint.run();
        while (true) {
            if (current != null && current.next()) {
                if (filling != null) {
                    filling.append(current.root());
                }
                return true;
            }
            finishBinary();
            if (!binaries.hasNext()) {
                return false;
            }
            checkpoint.run();
            start(binaries.next());
        }
    }

    private void start(LoadedBinary binary) {
        if (!table.prunedBy(request) && binary.image() != null) {
            CacheKey key = CacheKey.of(table, binary, part);
            current = cache.open(key, table, projection, allocator);
            if (current != null) {
                return;
            }
            extracting = stream(binary);
            current = extracting;
            filling = cache.fill(key, projection, extracting.root());
            return;
        }
        current = stream(binary);
    }

    private RecordBatchStream<R> stream(LoadedBinary binary) {
        return new RecordBatchStream<>(table, projection, request.and(part), List.of(binary).iterator(), snapshots, allocator, checkpoint);
    }

    /** Commits the entry of a binary extracted whole (the stream checked the file did not change meanwhile). */
    private void finishBinary() {
        if (filling != null) {
            if (extracting.deliveredWhole()) {
                filling.commit();
            } else {
                filling.abandon();
            }
            filling = null;
        }
        closeCurrent();
    }

    private void closeCurrent() {
        extracting = null;
        if (current != null) {
            BatchSource closing = current;
            current = null;
            closing.close();
        }
    }

    @Override
    public VectorSchemaRoot root() {
        return current.root();
    }

    @Override
    public ScanProgress progress() {
        BatchSource now = current;
        return now == null ? null : now.progress();
    }

    /** A scan closed before its end (LIMIT, cancel, failure) leaves no entry of what it did not read. */
    @Override
    public void close() {
        if (filling != null) {
            filling.abandon();
            filling = null;
        }
        closeCurrent();
    }
}
