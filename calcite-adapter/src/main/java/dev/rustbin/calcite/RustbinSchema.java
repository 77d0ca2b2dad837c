package dev.rustbin.calcite;

import dev.rustbin.calcite.columnar.ColumnarOptions;
import dev.rustbin.format.BinaryCatalog;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.rustbin.functions.AddressFunctions;
import dev.rustbin.functions.RustFunctions;
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
    private final RootAllocator allocator = new RootAllocator();
    private final Map<String, Table> tables = new LinkedHashMap<>();

    public RustbinSchema(BinaryCatalog catalog, ColumnarOptions options) {
        NarrowCountScanRule.register();
        this.catalog = catalog;
        for (TableSchema<?> table : Tables.ALL) {
            tables.put(table.name(), new BinaryTable<>(table, catalog, allocator, options));
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
                .put("rust_demangle", ScalarFunctionImpl.create(RustFunctions.class, "rustDemangle"))
                .put("rust_crate", ScalarFunctionImpl.create(RustFunctions.class, "rustCrate"))
                .put("rust_generic", ScalarFunctionImpl.create(RustFunctions.class, "rustGeneric"))
                .put("is_rust_symbol", ScalarFunctionImpl.create(RustFunctions.class, "isRustSymbol"))
                .put("disassemble", TableFunctionImpl.create(DisassembleFunction.class, "disassemble"))
                .build();
    }

    public BinaryCatalog catalog() {
        return catalog;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public void close() {
        try {
            allocator.close();
        } finally {
            catalog.close();
        }
    }
}
