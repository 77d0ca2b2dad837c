package dev.rustbin.schema;

import static dev.rustbin.schema.Column.timestampNanos;
import static dev.rustbin.schema.Column.uint64;
import static dev.rustbin.schema.Column.utf8;

import dev.rustbin.memory.alloc.AllocationEvent;
import java.util.List;

/** {@code allocation_events}: every allocation, free and realloc of a tracked launch, in the order the program made them. */
public final class AllocationEventsTable {

    private AllocationEventsTable() {
    }

    public static final TableSchema<AllocationEvent> TABLE = TableSchema.perRecording("allocation_events",
            "One row per malloc, free and realloc of a program launched with allocation tracking (run --track-allocations), as "
                    + "heaptrack recorded them while it ran; read from an Arrow file in rustbin's cache directory.",
            (b, recording, request) -> recording.events(),
            List.of(
                    Column.path(),
                    uint64("sequence", "the event's place in the run, from 0 (compare with memory_snapshots.allocation_events_before)",
                            (b, e) -> e.sequence(), false),
                    timestampNanos("event_time", "when it happened: the program's start plus heaptrack's clock (10 ms resolution); not named timestamp, "
                                    + "a reserved word in SQL",
                            (b, e) -> e.timestampNanos(), false),
                    utf8("kind", "alloc, free or realloc", (b, e) -> e.kind().label(), false),
                    uint64("pointer", "the block allocated (alloc, realloc) or freed", (b, e) -> e.pointer(), false),
                    uint64("size", "bytes asked for; for a free, the freed block's (0 when it was allocated before tracking began)",
                            (b, e) -> e.size(), false),
                    utf8("site", "where the block was allocated: file:line of the innermost frame outside the allocator (as allocation_site)",
                            (b, e) -> e.trace() == 0 ? null : e.recording().backtraces().site(e.trace()), true),
                    uint64("trace_id", "the allocation's backtrace: join heap_backtraces on trace_id (for a free: the freed block's)",
                            (b, e) -> e.trace() == 0 ? null : (long) e.trace(), true),
                    uint64("previous_pointer", "for a realloc, the block it replaced (the same pointer when it grew in place)",
                            (b, e) -> e.kind() == AllocationEvent.Kind.REALLOC ? e.previousPointer() : null, true)));
}
