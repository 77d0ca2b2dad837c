package dev.rustbin.schema;

import static dev.rustbin.schema.Column.bool;
import static dev.rustbin.schema.Column.timestampNanos;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.reach.HeapGraph;
import java.util.List;

/** {@code memory_snapshots}: one row per snapshot of the connection. */
public final class MemorySnapshotsTable {

    private MemorySnapshotsTable() {
    }

    public static final TableSchema<SnapshotView> TABLE = TableSchema.perSnapshot("memory_snapshots",
            "One row per snapshot the connection holds: from a core file, a live process, or a program rustbin launched.",
            (b, view, request) -> List.of(view).iterator(),
            List.of(
                    Column.path(),
                    uint64("snapshot_id", "numbered from 1 in the order the snapshots were taken", (b, v) -> v.id(), false),
                    timestampNanos("taken_at", "when the threads were frozen (a core: its file's modification time)",
                            (b, v) -> v.snapshot().timestampNanos(), false),
                    uint64("pid", "process id", (b, v) -> v.snapshot().pid(), false),
                    utf8("source", "core, live or launch", (b, v) -> v.snapshot().source(), false),
                    utf8("snapshot_trigger", "what took it: manual, timer, breakpoint or exit", (b, v) -> v.snapshot().trigger(), false),
                    utf8("trigger_detail", "the breakpoint's symbol and hit, when a breakpoint fired", (b, v) -> v.snapshot().detail(), true),
                    utf8("origin", "the core file, or pid N", (b, v) -> v.snapshot().origin(), false),
                    uint64("threads", "threads frozen", (b, v) -> (long) v.snapshot().threads().size(), false),
                    uint64("mappings", "lines of the process map", (b, v) -> (long) v.snapshot().mappings().size(), false),
                    uint64("captured_bytes", "bytes of memory the snapshot holds", (b, v) -> v.snapshot().capturedBytes(), false),
                    utf8("heap_method", "how the heap was read (glibc version, where main_arena came from), or why chunks are not listed",
                            (b, v) -> v.heap().method(), false),
                    uint64("heap_chunks", "live malloc chunks", (b, v) -> v.heap().totals().liveChunks(), false),
                    uint64("heap_bytes", "their usable bytes", (b, v) -> v.heap().totals().liveUsableBytes(), false),
                    uint64("unreachable_chunks", "live chunks no pointer chain from a root reaches (memory_regions.is_reachable false): leaks; "
                            + "NULL when chunks are not listed", (b, v) -> v.heap().chunksListed() ? HeapGraph.of(v).unreachableChunks() : null, true),
                    uint64("unreachable_bytes", "their usable bytes", (b, v) -> v.heap().chunksListed() ? HeapGraph.of(v).unreachableBytes() : null, true),
                    uint64("allocation_events_before", "tracked launches: allocation_events with a smaller sequence happened before this snapshot",
                            (b, v) -> v.allocations() == null ? null : v.allocations().events(), true),
                    bool("allocation_cut_exact", "tracked launches: false when heaptrack's last buffered events before the snapshot could not be "
                            + "found in its memory (then up to 4 KiB of them count as after it)",
                            (b, v) -> v.allocations() == null ? null : v.allocations().exact(), true)));
}
