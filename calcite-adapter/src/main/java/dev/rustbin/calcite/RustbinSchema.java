package dev.rustbin.calcite;

import dev.rustbin.calcite.columnar.ColumnarOptions;
import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.memory.SnapshotRegistry;
import dev.rustbin.memory.SnapshotTaker;
import dev.rustbin.memory.SnapshotView;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.rustbin.functions.AddressFunctions;
import dev.rustbin.functions.RustFunctions;
import dev.rustbin.functions.SourceFunctions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The tables of one connection over its binaries. It owns the connection's Arrow root allocator;
 * {@link #close()} fails loudly if any query leaked Arrow memory.
 */
public final class RustbinSchema extends AbstractSchema implements AutoCloseable {

    public static final String NAME = "rustbin";

    private final BinaryCatalog catalog;
    private final SnapshotRegistry snapshots;
    private final SnapshotTaker taker;
    private final RootAllocator allocator = new RootAllocator();
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final RunningScans running = new RunningScans();

    /**
     * The schema over {@code catalog}'s binaries and the snapshots in {@code snapshots}; it owns both
     * from now on. {@code taker} snapshots the connection's live process again (null: none is watched);
     * {@code options} say how its scans run.
     */
    public RustbinSchema(BinaryCatalog catalog, SnapshotRegistry snapshots, SnapshotTaker taker, ColumnarOptions options) {
        NarrowCountScanRule.register();
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.taker = taker;
        for (TableSchema<?> table : Tables.ALL) {
            tables.put(table.name(), new BinaryTable<>(table, catalog, snapshots, allocator, running, options));
        }
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    @Override
    protected Multimap<String, Function> getFunctionMultimap() {
        return ImmutableMultimap.<String, Function>builder()
                .put("hex", ScalarFunctionImpl.create(AddressFunctions.class, "hex"))
                .put("addr2line", ScalarFunctionImpl.create(SourceFunctions.class, "addr2line"))
                .put("rust_demangle", ScalarFunctionImpl.create(RustFunctions.class, "rustDemangle"))
                .put("rust_crate", ScalarFunctionImpl.create(RustFunctions.class, "rustCrate"))
                .put("rust_generic", ScalarFunctionImpl.create(RustFunctions.class, "rustGeneric"))
                .put("is_rust_symbol", ScalarFunctionImpl.create(RustFunctions.class, "isRustSymbol"))
                .put("disassemble", TableFunctionImpl.create(DisassembleFunction.class, "disassemble"))
                .put("take_snapshot", TableFunctionImpl.create(TakeSnapshotFunction.class, "takeSnapshot"))
                .build();
    }

    public BinaryCatalog catalog() {
        return catalog;
    }

    public SnapshotRegistry snapshots() {
        return snapshots;
    }

    /** A new snapshot of the connection's live process, registered; fails when the connection watches none. */
    public SnapshotView takeSnapshot(String trigger) {
        if (taker == null) {
            throw new IllegalStateException("take_snapshot() needs a live process: connect with the pid property (./rustbin --pid PID)");
        }
        return snapshots.add(taker.take(trigger));
    }

    public RunningScans running() {
        return running;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public void close() {
        try {
            allocator.close();
            FreedMemory.returnToSystem();
        } finally {
            try {
                snapshots.close();
            } finally {
                catalog.close();
            }
        }
    }
}
