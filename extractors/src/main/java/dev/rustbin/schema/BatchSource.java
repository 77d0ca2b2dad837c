package dev.rustbin.schema;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Record batches of one scan, whether extracted now ({@link RecordBatchStream}) or read back from
 * rustbin's table cache. The root holds the scan's columns in its order; it may be another object
 * after each {@link #next()}, so readers ask for it per batch.
 */
public interface BatchSource extends AutoCloseable {

    /** Fills the next batch; false when every row has been delivered. */
    boolean next();

    /** The batch filled by the last successful {@link #next()}. */
    VectorSchemaRoot root();

    /** How far the scan has got, when it can tell (any thread may ask); null otherwise. */
    ScanProgress progress();

    @Override
    void close();
}
