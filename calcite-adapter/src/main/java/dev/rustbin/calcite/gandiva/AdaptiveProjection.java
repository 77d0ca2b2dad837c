package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.ArrowValues;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Chooses the engine for one scan's computed columns when its first batch arrives
 * ({@link Engine#prefersGandiva}); Java takes over should Gandiva refuse to compile.
 */
public final class AdaptiveProjection implements BatchProjection {

    private final List<ColumnExpr> outputs;
    private final Engine engine;
    private final int minRows;
    private final BufferAllocator allocator;
    private BatchProjection chosen;

    public AdaptiveProjection(List<ColumnExpr> outputs, Engine engine, int minRows, BufferAllocator allocator) {
        this.outputs = List.copyOf(outputs);
        this.engine = engine;
        this.minRows = minRows;
        this.allocator = allocator;
    }

    @Override
    public ArrowValues.CellReader[] evaluate(VectorSchemaRoot batch) {
        if (chosen == null) {
            chosen = choose(batch.getRowCount());
        }
        return chosen.evaluate(batch);
    }

    private BatchProjection choose(int firstBatchRows) {
        boolean supported = outputs.stream().allMatch(GandivaRegistry::supports);
        if (supported && engine.prefersGandiva(firstBatchRows, minRows, GandivaProjection.compiled(outputs))) {
            try {
                return GandivaProjection.open(outputs, allocator);
            } catch (Exception refused) {
                return new JavaProjection(outputs);
            }
        }
        return new JavaProjection(outputs);
    }

    @Override
    public void close() {
        if (chosen != null) {
            chosen.close();
        }
    }
}
