package dev.rustbin.schema;

import dev.rustbin.format.BinaryFormatException;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.format.MappingFaults;
import dev.rustbin.memory.SnapshotRegistry;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Streams a table's rows as Arrow record batches holding only the projected columns. One
 * {@link VectorSchemaRoot} is refilled per batch, so memory stays bounded by the batch limits
 * (rows, and bytes of binary columns) however large the binaries are. A checkpoint runs before each
 * row is produced: the engine's cancel and timeout checks throw from it, which stops the scan
 * between two rows (closing the stream then stops any decoder thread behind the rows).
 *
 * <p>A binary's rows are checked to come from one version of its file: when they are read, a file
 * that changed since it was opened fails the scan, and so does a fault while reading its mapping.
 * A file found in a directory that fails while its rows are still in the batch being filled is
 * isolated instead, as if it had failed to open: its rows are taken back and the scan goes on.
 */
public final class RecordBatchStream<R> implements BatchSource {

    public static final int DEFAULT_BATCH_ROWS = 8192;
    public static final long DEFAULT_BATCH_BYTES = 64L << 20;

    private final TableSchema<R> table;
    private final int[] projection;
    private final Iterator<LoadedBinary> binaries;
    private final int batchRows;
    private final long batchBytes;
    private final VectorSchemaRoot root;
    private final BaseVariableWidthVector[] byteBoundedVectors;

    private final ScanRequest request;
    private final SnapshotRegistry snapshots;
    private final Runnable checkpoint;
    private LoadedBinary current;
    private volatile Iterator<R> currentRows = Collections.emptyIterator();
    /** Where the current binary's rows start in the batch being filled; -1 when some were in an earlier batch. */
    private int currentStart = -1;
    private boolean tookBackRows;

    public RecordBatchStream(TableSchema<R> table, int[] projection, ScanRequest request, Iterator<LoadedBinary> binaries,
                             SnapshotRegistry snapshots, BufferAllocator allocator, Runnable checkpoint, int batchRows, long batchBytes) {
        this.table = table;
        this.request = request;
        this.snapshots = snapshots;
        this.checkpoint = checkpoint;
        this.projection = projection.clone();
        this.binaries = binaries;
        this.batchRows = batchRows;
        this.batchBytes = batchBytes;
        this.root = VectorSchemaRoot.create(table.arrowSchema(projection), allocator);
        this.byteBoundedVectors = root.getFieldVectors().stream()
                .filter(v -> v.getField().getType().equals(Column.BINARY))
                .map(BaseVariableWidthVector.class::cast)
                .toArray(BaseVariableWidthVector[]::new);
    }

    public RecordBatchStream(TableSchema<R> table, int[] projection, ScanRequest request, Iterator<LoadedBinary> binaries,
                             SnapshotRegistry snapshots, BufferAllocator allocator, Runnable checkpoint) {
        this(table, projection, request, binaries, snapshots, allocator, checkpoint, DEFAULT_BATCH_ROWS, DEFAULT_BATCH_BYTES);
    }

    /** How far the current binary's rows have got, when their source can tell (any thread may ask). */
    @Override
    public ScanProgress progress() {
        return currentRows instanceof ScanProgress.Reporting reporting ? reporting.progress() : null;
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public boolean next() {
        root.clear();
        List<FieldVector> vectors = root.getFieldVectors();
        for (FieldVector vector : vectors) {
            vector.setInitialCapacity(batchRows);
            vector.allocateNew();
        }
        int count = 0;
        currentStart = -1;
        while (count < batchRows) {
            try {
                if (!advance(count)) {
                    break;
                }
                checkpoint.run();
                R row = currentRows.next();
                for (int c = 0; c < projection.length; c++) {
                    table.columns().get(projection[c]).write(vectors.get(c), count, current, row);
                }
                count++;
                // a fault while copying from the mapping is raised a little later, at the JVM's next check: still this row's
                if (byteBoundedVectors.length > 0 && bytesInBatch() >= batchBytes) {
                    break;
                }
            } catch (BinaryFormatException e) {
                count = isolate(e);
            } catch (InternalError e) {
                if (current == null || !MappingFaults.isFault(e)) {
                    throw e;
                }
                count = isolate(MappingFaults.changed(current.path(), e));
            }
        }
        root.setRowCount(count);
        return count > 0;
    }

    private boolean advance(int count) {
        while (!currentRows.hasNext()) {
            closeRows();
            if (current != null && current.image() != null) {
                current.image().verifyUnchanged();
            }
            current = null;
            if (!binaries.hasNext()) {
                return false;
            }
            checkpoint.run();
            current = binaries.next();
            currentStart = count;
            currentRows = table.rowsOf(current, request, snapshots);
        }
        return true;
    }

    /**
     * Takes back the failing binary's rows and goes on with its error row (binary_files) or the next
     * binary; returns the row count of the batch without them. Rethrows when the binary was named
     * by the user, or some of its rows have already been delivered.
     */
    private int isolate(BinaryFormatException problem) {
        if (current == null || !current.target().fromDirectory() || currentStart < 0 || current.image() == null) {
            throw problem;
        }
        closeRows();
        tookBackRows = true;
        current = current.failed(problem);
        currentRows = table.rowsOf(current, request, snapshots);
        return currentStart;
    }

    /** True when no binary's rows were taken back: what was delivered is every row of every binary, as it is now. */
    public boolean deliveredWhole() {
        return !tookBackRows;
    }

    /** Row sources that hold resources (a disassembler, a decoding thread) release them when done. */
    private void closeRows() {
        if (currentRows instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        currentRows = Collections.emptyIterator();
    }

    private long bytesInBatch() {
        long total = 0;
        for (BaseVariableWidthVector v : byteBoundedVectors) {
            total += v.sizeOfValueBuffer();
        }
        return total;
    }

    @Override
    public void close() {
        try {
            closeRows();
        } finally {
            root.close();
        }
    }
}
