package dev.rustbin.calcite.gandiva;

import java.util.List;
import org.apache.arrow.gandiva.evaluator.Filter;
import org.apache.arrow.gandiva.evaluator.SelectionVectorInt32;
import org.apache.arrow.gandiva.exceptions.GandivaException;
import org.apache.arrow.gandiva.expression.TreeBuilder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A predicate run by a Gandiva-compiled {@link Filter}: the batch's buffers go to native code as
 * they are, and only the indexes of the rows it keeps come back (a selection vector).
 */
public final class GandivaFilter implements BatchFilter {

    /** Compiled filters of the JVM, shared by every connection. */
    public static final CompiledCache<ColumnExpr, Filter> CACHE = new CompiledCache<>(64, Filter::close);

    private static final int INDEX_BYTES = 4;

    private final CompiledCache<ColumnExpr, Filter>.Lease lease;
    private final int[] batchColumns;
    private final BufferAllocator allocator;
    private ArrowBuf indexes;
    private SelectionVectorInt32 selection;

    private GandivaFilter(CompiledCache<ColumnExpr, Filter>.Lease lease, int[] batchColumns, BufferAllocator allocator) {
        this.lease = lease;
        this.batchColumns = batchColumns;
        this.allocator = allocator;
    }

    /** Compiles the predicate (or takes it from the cache); throws when Gandiva cannot build it. */
    static GandivaFilter open(ColumnExpr predicate, BufferAllocator allocator) throws Exception {
        CompactExpr compact = CompactExpr.of(predicate);
        var lease = CACHE.acquire(compact.expr(),
                e -> NativeStderr.silenced(() -> Filter.make(compact.schema(), TreeBuilder.makeCondition(TreeNodes.of(e)))));
        return new GandivaFilter(lease, compact.batchColumns(), allocator);
    }

    /** True when the predicate is compiled already, so running it costs no JIT time. */
    static boolean compiled(ColumnExpr predicate) {
        return CACHE.contains(CompactExpr.of(predicate).expr());
    }

    @Override
    public int select(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (indexes == null || indexes.capacity() < (long) rows * INDEX_BYTES) {
            closeIndexes();
            indexes = allocator.buffer(Math.max(1, rows) * (long) INDEX_BYTES);
            selection = new SelectionVectorInt32(indexes);
        }
        List<ArrowBuf> buffers = CompactExpr.buffers(batch, batchColumns);
        try {
            lease.get().evaluate(rows, buffers, selection);
        } catch (GandivaException e) {
            throw new IllegalStateException("Gandiva filter failed: " + e.getMessage(), e);
        }
        return selection.getRecordCount();
    }

    @Override
    public int index(int i) {
        return selection.getIndex(i);
    }

    private void closeIndexes() {
        if (indexes != null) {
            indexes.close();
            indexes = null;
        }
    }

    @Override
    public void close() {
        closeIndexes();
        lease.close();
    }
}
