package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.ArrowValues;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A pipeline's output columns over each batch: plain columns passed through, computed ones
 * evaluated on the batch. Readers take a batch row index and give Calcite's value for the cell.
 */
public interface BatchProjection extends AutoCloseable {

    /** Evaluates the computed columns on a batch; call before {@link #reader}. */
    void evaluate(VectorSchemaRoot batch);

    /** The number of output columns. */
    int width();

    ArrowValues.CellReader reader(int output);

    @Override
    void close();
}
