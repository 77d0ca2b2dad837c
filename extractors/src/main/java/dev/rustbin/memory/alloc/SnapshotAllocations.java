package dev.rustbin.memory.alloc;

import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.heap.HeapReport;

/**
 * The tracked allocations live in one snapshot: the recording's events up to the snapshot's cut
 * replayed into a pointer map, so each live heap chunk finds the allocation that made it (heaptrack
 * records the pointer malloc returned, the chunk's start address).
 */
public final class SnapshotAllocations {

    /** An allocation live at the snapshot. */
    public record Allocation(long size, int trace) {
    }

    private final AllocationRecording recording;
    private final LiveAllocations live;
    private final long events;
    private final boolean exact;

    private SnapshotAllocations(AllocationRecording recording, LiveAllocations live, long events, boolean exact) {
        this.recording = recording;
        this.live = live;
        this.events = events;
        this.exact = exact;
    }

    /**
     * @param heap   the snapshot's heap walk, where heaptrack's unwritten buffer is looked for
     * @param memory the snapshot's memory
     */
    public static SnapshotAllocations of(AllocationCut cut, HeapReport heap, AddressSpace memory) {
        AllocationRecording recording = cut.recording();
        long events = cut.targetFd < 0 ? cut.eventsWritten() : HeaptrackOutput.eventsAtFreeze(cut, heap, memory);
        boolean exact = events >= 0;
        if (!exact) {
            events = cut.eventsWritten();
        }
        return new SnapshotAllocations(recording, recording.liveBefore(events), events, exact);
    }

    public AllocationRecording recording() {
        return recording;
    }

    /** The allocation that returned {@code pointer}, or null when none tracked is live there. */
    public Allocation at(long pointer) {
        int slot = live.find(pointer);
        return slot < 0 ? null : new Allocation(live.sizeAt(slot), live.traceAt(slot));
    }

    /** Event lines recorded before the snapshot (events with a smaller sequence happened before it). */
    public long events() {
        return events;
    }

    /**
     * True when the cut is exact: heaptrack's output was closed or its unwritten buffer was found in
     * the snapshot. Otherwise the last events before the snapshot (up to 4 KiB of them) are not counted.
     */
    public boolean exact() {
        return exact;
    }

    public int liveCount() {
        return live.count();
    }
}
