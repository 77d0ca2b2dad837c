package dev.rustbin.calcite.columnar;

import dev.rustbin.calcite.BinaryTable;
import dev.rustbin.calcite.ScanBatches;
import dev.rustbin.calcite.gandiva.AdaptiveFilter;
import dev.rustbin.calcite.gandiva.BatchFilter;
import dev.rustbin.calcite.gandiva.ColumnExpr;
import dev.rustbin.schema.ScanRequest;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * What one scan runs, fixed at plan time: the columns to compute, what extractors may skip, the
 * predicate evaluated on each batch before any row becomes Java objects, and the GROUP BY
 * accumulated on the batches. Generated code calls
 * {@link #execute()} (or {@link #executeScalar()} for one column).
 */
public final class ArrowPipeline {

    private final BinaryTable<?> table;
    private final int[] projection;
    private final ScanRequest request;
    private final ColumnExpr filter;
    private final BatchAggregate aggregate;

    ArrowPipeline(BinaryTable<?> table, int[] projection, ScanRequest request, ColumnExpr filter, BatchAggregate aggregate) {
        this.table = table;
        this.projection = projection;
        this.request = request;
        this.filter = filter;
        this.aggregate = aggregate;
    }

    ArrowPipeline withFilter(ColumnExpr predicate) {
        return new ArrowPipeline(table, projection, request, predicate, aggregate);
    }

    ArrowPipeline withAggregate(BatchAggregate groups) {
        return new ArrowPipeline(table, projection, request, filter, groups);
    }

    /** Rows of one column, as Calcite's scalar row format holds them: the bare value. */
    public Enumerable<Object> executeScalar() {
        return execute().select(row -> row[0]);
    }

    public Enumerable<Object[]> execute() {
        if (aggregate == null) {
            return table.scan(projection, request, filter == null ? null : this::filterFor);
        }
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                ScanBatches batches = table.open(projection, request);
                return Linq4j.enumerator(aggregate.run(batches, filter == null ? null : filterFor(batches.allocator())));
            }
        };
    }

    private BatchFilter filterFor(BufferAllocator allocator) {
        ColumnarOptions options = table.options();
        return new AdaptiveFilter(filter, options.engine(), options.gandivaMinRows(), allocator);
    }
}
