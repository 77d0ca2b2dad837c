package dev.rustbin.calcite.gandiva;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Chooses the engine for one scan when its first batch arrives: Gandiva if the predicate is
 * compiled already or the batch holds at least {@code minRows} rows (a first batch that is not
 * full means the whole input is small, and a JIT of about a second would cost more than it saves),
 * else Java. Should Gandiva refuse to compile, the Java evaluator takes over: a pushed predicate
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
        boolean gandiva = engine == Engine.GANDIVA
                || (engine == Engine.AUTO && (firstBatchRows >= minRows || GandivaFilter.compiled(predicate)));
        if (gandiva && GandivaRegistry.supports(predicate)) {
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
