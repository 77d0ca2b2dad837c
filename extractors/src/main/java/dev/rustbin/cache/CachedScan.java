package dev.rustbin.cache;

import dev.rustbin.format.LoadedBinary;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.schema.BatchSource;
import dev.rustbin.schema.RecordBatchStream;
import dev.rustbin.schema.ScanProgress;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A scan of a cached table, binary by binary: a binary with an entry holding the scan's columns is
 * read back from it; one without is extracted, and when the scan reads all of it, what is extracted
 * is also written as its entry. A scan the row source may prune (a filter on a function or an
 * address range) reads only part of a binary, so it neither reads nor writes entries: extracting
 * that part is cheap. A scan may also read one fixed part of each binary (a Spark task's code slice):
 * then that part is what an entry holds, under a key of its own. A binary whose entries hold other
 * columns is extracted for theirs too, and the new entry replaces them.
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
    /** While a binary is extracted for more columns than the scan's (to replace narrower entries): the scan's columns of it. */
    private VectorSchemaRoot widenedView;

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

    /**
     * The scan of {@code part} of each binary with {@code request}: through {@code cache} when there
     * is one (null: off) and the table is one it keeps, else extracted.
     */
    public static <R> BatchSource of(TableSchema<R> table, int[] projection, ScanRequest request, ScanRequest part,
                                     Iterator<LoadedBinary> binaries, SnapshotRegistry snapshots, BufferAllocator allocator,
                                     Runnable checkpoint, TableCache cache) {
        if (cache != null && TableCache.serves(table)) {
            return new CachedScan<>(table, projection, request, part, binaries, snapshots, allocator, checkpoint, cache);
        }
        return new RecordBatchStream<>(table, projection, request.and(part), binaries, snapshots, allocator, checkpoint);
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
                if (widenedView != null) {
                    widenedView.setRowCount(current.root().getRowCount());
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
            int[] filled = cache.widened(key, projection);
            extracting = stream(binary, filled);
            current = extracting;
            if (filled.length != projection.length) {
                widenedView = projected(extracting.root(), filled);
            }
            filling = cache.fill(key, filled, extracting.root());
            return;
        }
        current = stream(binary, projection);
    }

    /** The binary's rows of {@code columns}, extracted with the request's predicates and the part's. */
    private RecordBatchStream<R> stream(LoadedBinary binary, int[] columns) {
        Set<String> names = Arrays.stream(columns).mapToObj(c -> table.columns().get(c).name()).collect(Collectors.toUnmodifiableSet());
        return new RecordBatchStream<>(table, columns, request.and(part).withColumns(names), List.of(binary).iterator(), snapshots,
                allocator, checkpoint);
    }

    /** The scan's columns among the vectors of {@code root}, which holds {@code columns} (a superset, in table order); no copy. */
    private VectorSchemaRoot projected(VectorSchemaRoot root, int[] columns) {
        List<FieldVector> vectors = new ArrayList<>();
        for (int column : projection) {
            vectors.add(root.getVector(Arrays.binarySearch(columns, column)));
        }
        return new VectorSchemaRoot(vectors.stream().map(FieldVector::getField).toList(), vectors, 0);
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
        widenedView = null; // its vectors are the extraction's, closed with it
        if (current != null) {
            BatchSource closing = current;
            current = null;
            closing.close();
        }
    }

    @Override
    public VectorSchemaRoot root() {
        return widenedView != null ? widenedView : current.root();
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
