package dev.rustbin.calcite;

import dev.rustbin.schema.RecordBatchStream;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Walks the rows of a {@link RecordBatchStream} for Calcite, one batch at a time. It owns a child
 * allocator so that every byte a query allocated is accounted for and released when it closes.
 */
final class BatchEnumerator implements Enumerator<Object[]> {

    private final BufferAllocator allocator;
    private final RecordBatchStream<?> stream;
    private final RunningScans running;
    private ArrowValues.CellReader[] readers = new ArrowValues.CellReader[0];
    private int rowInBatch = -1;
    private int rowsInBatch;
    private Object[] current;
    private boolean finished;
    private boolean closed;

    BatchEnumerator(BufferAllocator allocator, RecordBatchStream<?> stream, RunningScans running) {
        this.allocator = allocator;
        this.stream = stream;
        this.running = running;
        running.started(stream);
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
            if (!nextBatch()) {
                finished = true;
                close();
                return false;
            }
            VectorSchemaRoot root = stream.root();
            rowsInBatch = root.getRowCount();
            rowInBatch = -1;
            List<FieldVector> vectors = root.getFieldVectors();
            readers = new ArrowValues.CellReader[vectors.size()];
            for (int i = 0; i < readers.length; i++) {
                readers[i] = ArrowValues.readerFor(vectors.get(i));
            }
        }
        Object[] row = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            row[i] = readers[i].read(rowInBatch);
        }
        current = row;
        return true;
    }

    /** A failing binary ends the scan; its batch is released at once, since Calcite may not close us. */
    private boolean nextBatch() {
        try {
            return stream.next();
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
            running.finished(stream);
            stream.close();
            allocator.close();
        }
    }
}
