package dev.rustbin.calcite.gandiva;

import dev.rustbin.calcite.ArrowValues;
import dev.rustbin.calcite.gandiva.ColumnExpr.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.gandiva.evaluator.Projector;
import org.apache.arrow.gandiva.exceptions.GandivaException;
import org.apache.arrow.gandiva.expression.ExpressionTree;
import org.apache.arrow.gandiva.expression.TreeBuilder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Computed output columns run by one Gandiva-compiled {@link Projector} per batch, into vectors of
 * the scan's allocator; plain columns are read from the batch as they are.
 */
final class GandivaProjection implements BatchProjection {

    /** Compiled projectors of the JVM, keyed by their compacted output expressions. */
    static final CompiledCache<List<ColumnExpr>, Projector> CACHE = new CompiledCache<>(64, Projector::close);

    private final List<ColumnExpr> outputs;
    private final List<Integer> computed;
    private final CompiledCache<List<ColumnExpr>, Projector>.Lease lease;
    private final int[] batchColumns;
    private final BufferAllocator allocator;
    private final List<FieldVector> results = new ArrayList<>();

    private GandivaProjection(List<ColumnExpr> outputs, List<Integer> computed, CompiledCache<List<ColumnExpr>, Projector>.Lease lease,
                              int[] batchColumns, BufferAllocator allocator) {
        this.outputs = outputs;
        this.computed = computed;
        this.lease = lease;
        this.batchColumns = batchColumns;
        this.allocator = allocator;
    }

    static GandivaProjection open(List<ColumnExpr> outputs, BufferAllocator allocator) throws Exception {
        List<Integer> computed = computedOutputs(outputs);
        CompactExpr compact = CompactExpr.of(computed.stream().map(outputs::get).toList());
        var lease = CACHE.acquire(compact.exprs(), exprs -> NativeStderr.silenced(() -> Projector.make(compact.schema(), trees(exprs))));
        return new GandivaProjection(outputs, computed, lease, compact.batchColumns(), allocator);
    }

    static boolean compiled(List<ColumnExpr> outputs) {
        return CACHE.contains(CompactExpr.of(computedOutputs(outputs).stream().map(outputs::get).toList()).exprs());
    }

    static List<Integer> computedOutputs(List<ColumnExpr> outputs) {
        List<Integer> computed = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            if (!(outputs.get(i) instanceof Field)) {
                computed.add(i);
            }
        }
        return computed;
    }

    private static List<ExpressionTree> trees(List<ColumnExpr> exprs) {
        List<ExpressionTree> trees = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            var field = new org.apache.arrow.vector.types.pojo.Field("out" + i, FieldType.nullable(exprs.get(i).type()), null);
            trees.add(TreeBuilder.makeExpression(TreeNodes.of(exprs.get(i)), field));
        }
        return trees;
    }

    @Override
    public ArrowValues.CellReader[] evaluate(VectorSchemaRoot batch) {
        closeResults();
        int rows = batch.getRowCount();
        List<ValueVector> out = new ArrayList<>();
        for (int i : computed) {
            FieldVector vector = new org.apache.arrow.vector.types.pojo.Field("out" + i, FieldType.nullable(outputs.get(i).type()), null)
                    .createVector(allocator);
            vector.setInitialCapacity(rows);
            vector.allocateNew();
            results.add(vector);
            out.add(vector);
        }
        List<ArrowBuf> buffers = CompactExpr.buffers(batch, batchColumns);
        try {
            lease.get().evaluate(rows, buffers, out);
        } catch (GandivaException e) {
            throw new IllegalStateException("Gandiva projection failed: " + e.getMessage(), e);
        }
        return BatchProjection.readers(outputs, batch, i -> ArrowValues.readerFor(results.get(computed.indexOf(i))));
    }

    private void closeResults() {
        results.forEach(FieldVector::close);
        results.clear();
    }

    @Override
    public void close() {
        closeResults();
        lease.close();
    }
}
