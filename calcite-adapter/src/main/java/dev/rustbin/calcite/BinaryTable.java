package dev.rustbin.calcite;

import dev.rustbin.calcite.columnar.ArrowTableScan;
import dev.rustbin.calcite.columnar.ColumnarOptions;
import dev.rustbin.calcite.gandiva.BatchFilter;
import dev.rustbin.calcite.gandiva.BatchProjection;
import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.format.LoadedBinary;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.cache.CachedScan;
import dev.rustbin.cache.TableCache;
import dev.rustbin.schema.BatchSource;
import dev.rustbin.schema.Column;
import dev.rustbin.schema.ScanRequest;
import dev.rustbin.schema.TableSchema;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.ImmutableIntList;

/**
 * A rustbin table as Calcite sees it: planned as an {@link ArrowTableScan}, whose rules narrow it to
 * the columns a query reads and push its filters onto the Arrow batches.
 */
public final class BinaryTable<R> extends AbstractTable implements TranslatableTable {

    private final TableSchema<R> table;
    private final BinaryCatalog catalog;
    private final SnapshotRegistry snapshots;
    private final BufferAllocator allocator;
    private final RunningScans running;
    private final ColumnarOptions options;

    BinaryTable(TableSchema<R> table, BinaryCatalog catalog, SnapshotRegistry snapshots, BufferAllocator allocator, RunningScans running,
                ColumnarOptions options) {
        this.table = table;
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.allocator = allocator;
        this.running = running;
        this.options = options;
    }

    public TableSchema<R> schema() {
        return table;
    }

    public ColumnarOptions options() {
        return options;
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
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        ImmutableIntList all = ImmutableIntList.copyOf(IntStream.range(0, table.columns().size()).boxed().toList());
        return new ArrowTableScan(context.getCluster(), relOptTable, this, all, List.of());
    }

    /** Starts a scan of the projected columns, stopped when {@code root}'s statement is cancelled; the caller closes it. */
    public ScanBatches open(DataContext root, int[] projection, ScanRequest request) {
        ScanCancellation cancellation = ScanCancellation.of(root);
        AtomicReference<Path> opened = new AtomicReference<>();
        Iterator<LoadedBinary> binaries = binariesOf(request, opened::set).iterator();
        BufferAllocator scanAllocator = allocator.newChildAllocator(table.name() + "-scan", 0, Long.MAX_VALUE);
        try {
            BatchSource batches = CachedScan.of(table, projection, request, ScanRequest.UNRESTRICTED, binaries, snapshots, scanAllocator,
                    cancellation, options.cache());
            return new ScanBatches(scanAllocator, batches, running, opened::get);
        } catch (RuntimeException e) {
            scanAllocator.close();
            throw e;
        }
    }

    /** The binaries a scan with {@code request} reads, opened (or reused) one by one, each path told to {@code opening} first. */
    private Stream<LoadedBinary> binariesOf(ScanRequest request, Consumer<Path> opening) {
        return catalog.targets().stream().filter(request::mayRead).map(t -> {
            opening.accept(t.path());
            return table.load(catalog, t);
        });
    }

    /** True when scans of this table go through the connection's table cache. */
    public boolean cached() {
        return options.cache() != null && TableCache.serves(table);
    }

    /**
     * What a scan would do with the cache, for EXPLAIN: hit, miss (the scan fills it), bypass (it
     * reads part of each binary), or per binary when they differ. Entries are checked only when read.
     */
    public String cacheUse(int[] projection, ScanRequest request) {
        Map<CachedScan.Use, Long> uses = binariesOf(request, path -> { })
                .map(b -> CachedScan.use(options.cache(), table, b, projection, request, ScanRequest.UNRESTRICTED))
                .collect(Collectors.groupingBy(u -> u, () -> new EnumMap<>(CachedScan.Use.class), Collectors.counting()));
        if (uses.size() == 1) {
            return uses.keySet().iterator().next().name().toLowerCase(Locale.ROOT);
        }
        return uses.entrySet().stream().map(u -> u.getKey().name().toLowerCase(Locale.ROOT) + " " + u.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * The rows of the projected columns, batch by batch; {@code filter} (null for none) makes the
     * batch filter of one scan, from the scan's allocator, and decides which rows become objects;
     * {@code outputs} (null for the scanned columns as they are) makes the row's columns.
     */
    public Enumerable<Object[]> scan(DataContext root, int[] projection, ScanRequest request, Function<BufferAllocator, BatchFilter> filter,
                                     Function<BufferAllocator, BatchProjection> outputs) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                ScanBatches batches = open(root, projection, request);
                try {
                    return new BatchEnumerator(batches, filter == null ? null : filter.apply(batches.allocator()),
                            outputs == null ? null : outputs.apply(batches.allocator()));
                } catch (RuntimeException e) {
                    batches.close();
                    throw e;
                }
            }
        };
    }
}
