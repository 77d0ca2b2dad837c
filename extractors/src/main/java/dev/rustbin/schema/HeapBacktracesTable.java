package dev.rustbin.schema;

import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.memory.alloc.BacktraceFrame;
import dev.rustbin.memory.alloc.Backtraces;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;

/**
 * {@code heap_backtraces}: the frames of each allocation backtrace of a tracked launch, one row per
 * frame. A table to join rather than a column: backtraces are shared by every allocation from the
 * same path, so a heap of a million chunks names a few hundred backtraces instead of repeating them.
 */
public final class HeapBacktracesTable {

    private HeapBacktracesTable() {
    }

    public static final TableSchema<BacktraceFrame> TABLE = TableSchema.perRecording("heap_backtraces",
            "One row per frame of each allocation backtrace of a tracked launch (run --track-allocations), innermost first: join "
                    + "memory_regions or allocation_events on trace_id.",
            (b, recording, request) -> frames(recording.backtraces(), recording.allocationNodes()),
            List.of(
                    Column.path(),
                    uint64("trace_id", "the backtrace (memory_regions.trace_id, allocation_events.trace_id)", (b, f) -> (long) f.node(), false),
                    int32("frame_index", "0 for the innermost frame: the caller of malloc, or the innermost call inlined there",
                            (b, f) -> f.index(), false),
                    uint64("address", "the call instruction (runtime address)", (b, f) -> f.address(), false),
                    uint64("static_address", "the same in the module's own address space: joins binary_symbols and instructions",
                            (b, f) -> f.staticAddress(), true),
                    utf8("function_name", "demangled function", (b, f) -> f.function(), true),
                    utf8("mapped_file", "the module holding the code", (b, f) -> f.module(), true),
                    utf8("source_file", "source file by DWARF", (b, f) -> f.file(), true),
                    int32("source_line", "source line (0 when the compiler gave none)", (b, f) -> f.line(), true),
                    bool("is_inlined", "a call the compiler inlined into the next frame (same address), as gdb lists them",
                            (b, f) -> f.inlined(), false),
                    bool("is_allocator", "true for the allocator's frames and Rust's allocation machinery, which allocation_site skips",
                            (b, f) -> f.allocator(), false)));

    /** The frames of every backtrace an allocation ended in, symbolized one backtrace at a time. */
    private static Iterator<BacktraceFrame> frames(Backtraces backtraces, BitSet nodes) {
        return nodes.stream().filter(node -> node > 0).boxed().flatMap(node -> backtraces.frames(node).stream()).iterator();
    }
}
