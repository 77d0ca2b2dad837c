package dev.rustbin.calcite;

import dev.rustbin.calcite.gandiva.BatchFilter;
import dev.rustbin.calcite.gandiva.BatchProjection;
import dev.rustbin.format.MappingFaults;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Walks the rows of a scan for Calcite, one batch at a time. With a pushed filter, only the rows
 * it selects are read into rows; with a pushed projection, rows hold its (partly computed) outputs.
 */
final class BatchEnumerator implements Enumerator<Object[]> {

    private final ScanBatches batches;
    private final BatchFilter filter;
    private final BatchProjection projection;
    private ArrowValues.CellReader[] readers = new ArrowValues.CellReader[0];
    private int rowInBatch = -1;
    private int rowsInBatch;
    private Object[] current;
    private boolean finished;
    private boolean closed;

    BatchEnumerator(ScanBatches batches, BatchFilter filter, BatchProjection projection) {
        this.batches = batches;
        this.filter = filter;
        this.projection = projection;
    }

    @Override
    public Object[] current() {
        return current;
    }

    /** A fault in a mapped file that surfaces here, after the scan returned its batch, is the scan's binary having changed. */
    @Override
    public boolean moveNext() {
        try {
            return advance();
        } catch (InternalError e) {
            Path binary = batches.lastBinary();
            if (binary == null || !MappingFaults.isFault(e)) {
                throw e;
            }
            close();
            throw MappingFaults.changed(binary, e);
        }
    }

    private boolean advance() {
        if (finished) {
            return false;
        }
        while (++rowInBatch >= rowsInBatch) {
            if (!batches.next()) {
                finished = true;
                close();
                return false;
            }
            VectorSchemaRoot root = batches.root();
            rowsInBatch = filter == null ? root.getRowCount() : select(root);
            rowInBatch = -1;
            readers = readersOf(root);
        }
        int index = filter == null ? rowInBatch : filter.index(rowInBatch);
        Object[] row = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            row[i] = readers[i].read(index);
        }
        current = row;
        return true;
    }

    private ArrowValues.CellReader[] readersOf(VectorSchemaRoot root) {
        if (projection != null) {
            try {
                return projection.evaluate(root);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }
        List<FieldVector> vectors = root.getFieldVectors();
        ArrowValues.CellReader[] columns = new ArrowValues.CellReader[vectors.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ArrowValues.readerFor(vectors.get(i));
        }
        return columns;
    }

    /** A failing filter ends the scan; its batch is released at once, since Calcite may not close us. */
    private int select(VectorSchemaRoot root) {
        try {
            return filter.select(root);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("rustbin scans are read once");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                if (filter != null) {
                    filter.close();
                }
                if (projection != null) {
                    projection.close();
                }
            } finally {
                batches.close();
            }
        }
    }
}
