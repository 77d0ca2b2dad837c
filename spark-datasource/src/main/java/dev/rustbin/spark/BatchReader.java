package dev.rustbin.spark;

import dev.rustbin.cache.CacheSettings;
import dev.rustbin.cache.CachedScan;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.schema.BatchSource;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Reads one task's binaries (through the table cache, for the tables it keeps) and hands Spark each
 * Arrow batch as it is, wrapped in {@link ArrowColumn}s (no copy). Spark reads a batch before asking
 * for the next, which refills the same vectors; a binary read back from the cache brings vectors of
 * its own, which are wrapped when they first come. A killed task stops between two rows. Binaries
 * are opened through {@link SharedCatalogs}, so tasks reading slices of one binary share its image.
 */
final class BatchReader implements PartitionReader<ColumnarBatch> {

    private final BufferAllocator allocator;
    /** The binary being read; the one before is let go when the stream moves on, having checked it unchanged. */
    private SharedCatalogs.Lease lease;
    private final SnapshotRegistry snapshots = new SnapshotRegistry();
    private final BatchSource stream;
    private final StructType schema;
    private final int columns;
    /** The vectors {@link #batch} wraps. */
    private VectorSchemaRoot wrappedRoot;
    private ColumnarBatch batch;
    private long rowsExtracted;
    private long rowsFromCache;

    BatchReader(String tableName, int[] projection, StructType schema, CacheSettings cacheSettings, BinaryPartition partition) {
        TableSchema<?> table = Tables.ALL.stream().filter(t -> t.name().equals(tableName)).findFirst().orElseThrow();
        this.allocator = new RootAllocator();
        this.schema = schema;
        this.columns = projection.length;
        try {
            Iterator<LoadedBinary> binaries = partition.binaryTargets().stream().map(t -> {
                release();
                lease = SharedCatalogs.acquire(t);
                return table.load(lease.catalog(), t);
            }).iterator();
            this.stream = CachedScan.of(table, projection, partition.request(), partition.partRequest(), binaries, snapshots, allocator,
                    BatchReader::stopIfKilled, cacheSettings.open());
        } catch (RuntimeException e) {
            closeResources();
            throw e;
        }
    }

    private static void stopIfKilled() {
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.killTaskIfInterrupted();
        }
    }

    private void release() {
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }

    @Override
    public boolean next() {
        if (!stream.next()) {
            return false;
        }
        VectorSchemaRoot root = stream.root();
        if (root != wrappedRoot) {
            List<FieldVector> vectors = root.getFieldVectors();
            ColumnVector[] wrapped = new ColumnVector[vectors.size()];
            for (int i = 0; i < wrapped.length; i++) {
                wrapped[i] = new ArrowColumn(vectors.get(i), schema.fields()[i].dataType());
            }
            batch = new ColumnarBatch(wrapped);
            wrappedRoot = root;
        }
        int count = root.getRowCount();
        batch.setNumRows(count);
        if (stream instanceof CachedScan<?> cached && cached.readingEntry()) {
            rowsFromCache += count;
        } else {
            rowsExtracted += count;
        }
        return true;
    }

    @Override
    public ColumnarBatch get() {
        return batch;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return ScanMetrics.values(rowsExtracted, rowsExtracted * columns, rowsFromCache);
    }

    @Override
    public void close() {
        try {
            stream.close();
        } finally {
            closeResources();
        }
    }

    /** Closing the allocator last fails the task if any Arrow buffer leaked. */
    private void closeResources() {
        try {
            release();
            snapshots.close();
        } finally {
            allocator.close();
        }
    }
}
