package dev.rustbin.schema;

import static dev.rustbin.schema.Column.binary;
import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.int32;
import static dev.rustbin.schema.Column.timestampNanos;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.dwarf.SourceLocation;
import dev.rustbin.memory.reach.HeapGraph;
import dev.rustbin.memory.regions.MemoryRegion;
import dev.rustbin.memory.regions.RegionFilter;
import dev.rustbin.memory.regions.RegionKind;
import dev.rustbin.memory.regions.RegionLister;
import java.util.List;

/** {@code memory_regions}: the SOP's columns and types exactly, then what ties a row to its snapshot and binary. */
public final class MemoryRegionsTable {

    private MemoryRegionsTable() {
    }

    public static final TableSchema<MemoryRegion> TABLE = TableSchema.perSnapshot("memory_regions",
            "One row per mapping of the process map, per stack frame of each thread (innermost first), per live heap chunk and per "
                    + "static of the program, for every snapshot of the connection (see memory_snapshots). Before each frame come "
                    + "the calls the compiler inlined at its pc (region_kind inlined_frame, innermost first, as gdb lists them): "
                    + "named and located by DWARF, sharing the frame's frame_index and owning no bytes (start = end = its sp).",
            (b, view, request) -> RegionLister.list(view, new RegionFilter(request.valuesOf("region_kind"), request.valuesOf("type"),
                    request.rangeOf("start_address").lowest(), request.rangeOf("start_address").highest())),
            List.of(
                    uint64("region_id", "unique in the connection: the snapshot, the kind of row and its position", (b, r) -> r.regionId(), false),
                    utf8("type", "code, global, heap, stack, tls, rodata, mapping (anonymous), guard, vdso, vvar or vsyscall", (b, r) -> r.type(), false),
                    uint64("start_address", "first byte (runtime address; for a heap chunk the pointer malloc returned)", (b, r) -> r.start(), false),
                    uint64("end_address", "one past the last byte", (b, r) -> r.end(), false),
                    uint64("size", "end_address - start_address (for a heap chunk its usable size)", (b, r) -> r.size(), false),
                    binary("content_snapshot", "the bytes at snapshot time; NULL when the snapshot did not capture them", (b, r) -> r.content(), true),
                    timestampNanos("timestamp", "when the snapshot froze the process", (b, r) -> r.view().snapshot().timestampNanos(), false),
                    uint64("thread_id", "kernel thread id (stack frames, a thread's stack mapping, thread-local statics)", (b, r) -> r.threadId(), true),
                    utf8("function_name", "demangled function of a stack frame (the ELF symbol holding its pc, libc's from libc6-dbg)",
                            (b, r) -> r.functionName(), true),
                    utf8("allocation_site", "where a heap chunk was allocated, when allocations were tracked (run --track-allocations): the "
                            + "innermost frame outside the allocator and Rust's allocation machinery, as file:line (its function when the "
                            + "binary has no line information)", (b, r) -> r.allocationSite(), true),
                    Column.path(),
                    uint64("snapshot_id", "the snapshot (memory_snapshots.snapshot_id)", (b, r) -> r.view().id(), false),
                    utf8("region_kind", "mapping, frame, inlined_frame, chunk or static: what the row describes", (b, r) -> r.kind(), false),
                    utf8("permissions", "rwxp as the process map shows them (mappings)", (b, r) -> r.permissions(), true),
                    utf8("mapped_file", "the file mapped there, or the module a frame or static belongs to", (b, r) -> r.mappedFile(), true),
                    uint64("static_address", "the address in the mapped file's own address space despite ASLR/PIE (mappings and statics: "
                                    + "their start; frames: their pc): joins binary_symbols and instructions", (b, r) -> r.staticAddress(), true),
                    int32("frame_index", "0 for the innermost frame of a thread", (b, r) -> r.frameIndex(), true),
                    uint64("frame_pc", "a frame's program counter: the instruction for frame 0, the return address for callers (as gdb shows them)",
                            (b, r) -> r.framePc(), true),
                    utf8("crate_name", "the Rust crate of a frame's function", (b, r) -> r.crateName(), true),
                    utf8("symbol_name", "demangled name of a static", (b, r) -> r.symbolName(), true),
                    utf8("detail", "frames: how they were unwound (registers, cfi, frame-pointer, signal); chunks: mmapped, or the arena",
                            (b, r) -> r.detail(), true),
                    utf8("source_file", "frames: source file of the pc (of a caller's call) by DWARF; for a frame with inlined calls, "
                            + "the file of the outermost call site, as gdb shows it", (b, r) -> {
                                SourceLocation at = r.sourceLocation();
                                return at == null ? null : at.file();
                            }, true),
                    int32("source_line", "frames: the line of source_file (0 when the compiler gave none)", (b, r) -> {
                        SourceLocation at = r.sourceLocation();
                        return at == null ? null : (int) at.line();
                    }, true),
                    bool("is_reachable", "heap chunks: whether pointers lead to it from a root (registers, live stacks, statics, TLS), "
                                    + "as valgrind's leak check decides (false: definitely or indirectly lost; see heap_references); NULL for other rows",
                            (b, r) -> r.kind().equals(RegionKind.CHUNK.label()) ? HeapGraph.of(r.view()).isReachableAt(RegionKind.position(r.regionId())) : null,
                            true),
                    uint64("allocated_size", "bytes the program asked for when it allocated a heap chunk (tracked launches; size is the usable size)",
                            (b, r) -> r.allocatedSize(), true),
                    uint64("trace_id", "a tracked heap chunk's allocation backtrace: join heap_backtraces on trace_id", (b, r) -> r.traceId(), true)));
}
