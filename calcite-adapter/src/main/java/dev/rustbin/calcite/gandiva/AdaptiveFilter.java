package dev.rustbin.calcite.gandiva;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Chooses the engine for one scan's predicate when its first batch arrives
 * ({@link Engine#prefersGandiva}). Should Gandiva refuse to compile, the Java evaluator takes over: a pushed predicate
 * never fails a query.
 */
public final class AdaptiveFilter implements BatchFilter {

    private final ColumnExpr predicate;
    private final Engine engine;
    private final int minRows;
    private final BufferAllocator allocator;
    private BatchFilter chosen;

    public AdaptiveFilter(ColumnExpr predicate, Engine engine, int minRows, BufferAllocator allocator) {
        this.predicate = predicate;
        this.engine = engine;
        this.minRows = minRows;
        this.allocator = allocator;
    }

    @Override
    public int select(VectorSchemaRoot batch) {
        if (chosen == null) {
            chosen = choose(batch.getRowCount());
        }
        return chosen.select(batch);
    }

    private BatchFilter choose(int firstBatchRows) {
        if (engine.prefersGandiva(firstBatchRows, minRows, GandivaFilter.compiled(predicate)) && GandivaRegistry.supports(predicate)) {
            try {
                return GandivaFilter.open(predicate, allocator);
            } catch (Exception refused) {
                return new JavaFilter(predicate);
            }
        }
        return new JavaFilter(predicate);
    }

    @Override
    public int index(int i) {
        return chosen.index(i);
    }

    @Override
    public void close() {
        if (chosen != null) {
            chosen.close();
        }
    }
}
