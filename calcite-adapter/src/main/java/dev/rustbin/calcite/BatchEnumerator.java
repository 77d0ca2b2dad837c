package dev.rustbin.calcite;

import dev.rustbin.calcite.gandiva.BatchFilter;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Walks the rows of a scan for Calcite, one batch at a time. With a pushed filter, only the rows
 * it selects are read into rows.
 */
final class BatchEnumerator implements Enumerator<Object[]> {

    private final ScanBatches batches;
    private final BatchFilter filter;
    private ArrowValues.CellReader[] readers = new ArrowValues.CellReader[0];
    private int rowInBatch = -1;
    private int rowsInBatch;
    private Object[] current;
    private boolean finished;
    private boolean closed;

    BatchEnumerator(ScanBatches batches, BatchFilter filter) {
        this.batches = batches;
        this.filter = filter;
    }

    @Override
    public Object[] current() {
        return current;
    }

    @Override
    public boolean moveNext() {
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
            List<FieldVector> vectors = root.getFieldVectors();
            readers = new ArrowValues.CellReader[vectors.size()];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = ArrowValues.readerFor(vectors.get(i));
            }
        }
        int index = filter == null ? rowInBatch : filter.index(rowInBatch);
        Object[] row = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            row[i] = readers[i].read(index);
        }
        current = row;
        return true;
    }

    /** A failing filter ends the scan; its batch is released at once, since Calcite may not close us. */
    private int select(VectorSchemaRoot root) {
        try {
            return filter.select(root);
        } catch (RuntimeException e) {
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
            } finally {
                batches.close();
            }
        }
    }
}
