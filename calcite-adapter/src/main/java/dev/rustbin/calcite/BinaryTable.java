package dev.rustbin.calcite;

import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.schema.Column;
import dev.rustbin.schema.RecordBatchStream;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.TableSchema;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A rustbin table as Calcite sees it. The planner pushes the projection into {@link #scan}, so only
 * the selected columns are computed (a query without {@code content} never reads section bytes).
 * Filters arrive here too: simple predicates become a {@link ScanRequest} that lets binaries and
 * byte ranges be skipped; all filters stay in the list, so Calcite still evaluates every one.
 */
final class BinaryTable<R> extends AbstractTable implements ProjectableFilterableTable {

    private final TableSchema<R> table;
    private final BinaryCatalog catalog;
    private final BufferAllocator allocator;
    private final RunningScans running;

    BinaryTable(TableSchema<R> table, BinaryCatalog catalog, BufferAllocator allocator, RunningScans running) {
        this.table = table;
        this.catalog = catalog;
        this.allocator = allocator;
        this.running = running;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        for (Column<R> column : table.columns()) {
            builder.add(column.name(), SqlTypes.of(typeFactory, column));
        }
        return builder.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
        int[] projection = projects != null ? projects : IntStream.range(0, table.columns().size()).toArray();
        ScanRequest request = ScanRequests.of(table, projection, filters, new RexBuilder(root.getTypeFactory()));
        ScanCancellation cancellation = ScanCancellation.of(root);
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                Iterator<LoadedBinary> binaries = catalog.targets().stream()
                        .filter(t -> request.valuesOf("path").map(paths -> paths.contains(t.path().toString())).orElse(true))
                        .map(t -> catalog.load(t, t.fromDirectory() || table.reportsUnreadableFiles())).iterator();
                BufferAllocator scanAllocator = allocator.newChildAllocator(table.name() + "-scan", 0, Long.MAX_VALUE);
                try {
                    return new BatchEnumerator(scanAllocator,
                            new RecordBatchStream<>(table, projection, request, binaries, scanAllocator, cancellation), running);
                } catch (RuntimeException e) {
                    scanAllocator.close();
                    throw e;
                }
            }
        };
    }
}
