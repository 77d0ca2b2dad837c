package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.ArrowValues;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A pipeline's output columns over each batch: plain columns passed through, computed ones
 * evaluated on the batch. Readers take a batch row index and give Calcite's value for the cell.
 */
public interface BatchProjection extends AutoCloseable {

    /** Evaluates the computed columns on a batch; the readers of every output column, valid until the next batch. */
    ArrowValues.CellReader[] evaluate(VectorSchemaRoot batch);

    @Override
    void close();

    /** Readers of the outputs: plain columns straight from the batch, computed ones from {@code computed}. */
    static ArrowValues.CellReader[] readers(List<ColumnExpr> outputs, VectorSchemaRoot batch, IntFunction<ArrowValues.CellReader> computed) {
        ArrowValues.CellReader[] readers = new ArrowValues.CellReader[outputs.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = outputs.get(i) instanceof ColumnExpr.Field f ? ArrowValues.readerFor(batch.getVector(f.index())) : computed.apply(i);
        }
        return readers;
    }
}
