package dev.rustbin.calcite.gandiva;

import org.apache.arrow.vector.VectorSchemaRoot;

/** Selects, batch by batch, the rows a pushed predicate keeps (true; false and NULL drop the row). */
public interface BatchFilter extends AutoCloseable {

    /** Evaluates the predicate on the batch; returns how many rows it keeps. */
    int select(VectorSchemaRoot batch);

    /** The batch index of the i-th kept row of the last {@link #select}, in ascending order. */
    int index(int i);

    @Override
    void close();
}
