package dev.rustbin.calcite;

import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.schema.Column;
import dev.rustbin.schema.RecordBatchStream;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.TableSchema;
import java.util.Arrays;
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
 * byte ranges be skipped; all filters but long value lists ({@link LongValueLists}, evaluated here)
 * stay in the list, so Calcite still evaluates them.
 */
final class BinaryTable<R> extends AbstractTable implements ProjectableFilterableTable {

    private final TableSchema<R> table;
    private final BinaryCatalog catalog;
    private final SnapshotRegistry snapshots;
    private final BufferAllocator allocator;
    private final RunningScans running;

    BinaryTable(TableSchema<R> table, BinaryCatalog catalog, SnapshotRegistry snapshots, BufferAllocator allocator, RunningScans running) {
        this.table = table;
        this.catalog = catalog;
        this.snapshots = snapshots;
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
        SimilarToPatterns.check(filters);
        ScanRequest request = ScanRequests.of(table, projection, filters, new RexBuilder(root.getTypeFactory()));
        ScanCancellation cancellation = ScanCancellation.of(root);
        List<LongValueLists.Test> tests = LongValueLists.take(filters);
        // the columns the taken filters test are read too, after the projected ones, and cut off again
        int[] scanned = IntStream.concat(Arrays.stream(projection),
                tests.stream().mapToInt(LongValueLists.Test::column).filter(c -> Arrays.stream(projection).noneMatch(p -> p == c)))
                .distinct().toArray();
        int[] positions = tests.stream().mapToInt(t -> IntStream.range(0, scanned.length).filter(i -> scanned[i] == t.column())
                .findFirst().orElseThrow()).toArray();
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                Iterator<LoadedBinary> binaries = catalog.targets().stream()
                        .filter(t -> request.valuesOf("path").map(paths -> paths.contains(t.path().toString())).orElse(true))
                        .map(t -> catalog.load(t, t.fromDirectory() || table.reportsUnreadableFiles())).iterator();
                BufferAllocator scanAllocator = allocator.newChildAllocator(table.name() + "-scan", 0, Long.MAX_VALUE);
                Enumerator<Object[]> rows;
                try {
                    rows = new BatchEnumerator(scanAllocator,
                            new RecordBatchStream<>(table, scanned, request, binaries, snapshots, scanAllocator, cancellation), running);
                } catch (RuntimeException e) {
                    scanAllocator.close();
                    throw e;
                }
                return tests.isEmpty() ? rows : LongValueLists.filter(rows, tests, positions, projection.length);
            }
        };
    }
}
