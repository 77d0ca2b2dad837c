package dev.rustbin.calcite.columnar;

import dev.rustbin.calcite.BinaryTable;
import dev.rustbin.calcite.ScanBatches;
import dev.rustbin.calcite.SimilarToPatterns;
import dev.rustbin.calcite.gandiva.AdaptiveFilter;
import dev.rustbin.calcite.gandiva.AdaptiveProjection;
import dev.rustbin.calcite.gandiva.BatchFilter;
import dev.rustbin.calcite.gandiva.BatchProjection;
import dev.rustbin.calcite.gandiva.ColumnExpr;
import dev.rustbin.schema.ScanRequest;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rex.RexNode;

/**
 * What one scan runs, fixed at plan time: the columns to compute, what extractors may skip (and the
 * filter conditions it was read from), the predicate evaluated on each batch before any row becomes
 * Java objects, the computed columns evaluated on the batches, and the GROUP BY accumulated on them. Generated code calls
 * {@link #execute} (or {@link #executeScalar} for one column) with the statement's context, whose
 * cancel flag and timeout stop the scan between rows.
 */
public final class ArrowPipeline {

    private final BinaryTable<?> table;
    private final int[] projection;
    private final ScanRequest request;
    private final List<RexNode> conditions;
    private final ColumnExpr filter;
    private final BatchAggregate aggregate;
    private final List<ColumnExpr> outputs;

    ArrowPipeline(BinaryTable<?> table, int[] projection, ScanRequest request, List<RexNode> conditions, ColumnExpr filter,
                  BatchAggregate aggregate, List<ColumnExpr> outputs) {
        this.table = table;
        this.projection = projection;
        this.request = request;
        this.conditions = conditions;
        this.filter = filter;
        this.aggregate = aggregate;
        this.outputs = outputs;
    }

    ArrowPipeline withFilter(ColumnExpr predicate) {
        return new ArrowPipeline(table, projection, request, conditions, predicate, aggregate, outputs);
    }

    ArrowPipeline withAggregate(BatchAggregate groups) {
        return new ArrowPipeline(table, projection, request, conditions, filter, groups, outputs);
    }

    ArrowPipeline withOutputs(List<ColumnExpr> columns) {
        return new ArrowPipeline(table, projection, request, conditions, filter, aggregate, columns);
    }

    /** Rows of one column, as Calcite's scalar row format holds them: the bare value. */
    public Enumerable<Object> executeScalar(DataContext root) {
        return execute(root).select(row -> row[0]);
    }

    /** An invalid SIMILAR TO pattern in any condition over the scan fails here, before a row is read. */
    public Enumerable<Object[]> execute(DataContext root) {
        SimilarToPatterns.check(conditions);
        if (aggregate == null) {
            return table.scan(root, projection, request, filter == null ? null : this::filterFor, outputs == null ? null : this::outputsFor);
        }
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                ScanBatches batches = table.open(root, projection, request);
                return Linq4j.enumerator(aggregate.run(batches, filter == null ? null : filterFor(batches.allocator())));
            }
        };
    }

    private BatchProjection outputsFor(BufferAllocator allocator) {
        ColumnarOptions options = table.options();
        return new AdaptiveProjection(outputs, options.engine(), options.gandivaMinRows(), allocator);
    }

    private BatchFilter filterFor(BufferAllocator allocator) {
        ColumnarOptions options = table.options();
        return new AdaptiveFilter(filter, options.engine(), options.gandivaMinRows(), allocator);
    }
}
