package dev.rustbin.memory.regions;

import dev.rustbin.memory.SnapshotView;
import dev.rustbin.memory.alloc.SnapshotAllocations;
import dev.rustbin.memory.heap.HeapChunk;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One memory_regions row per live malloc chunk (the pointer malloc returned and its usable size),
 * streamed from the heap walk: a heap of millions of chunks is never held as rows. In a tracked
 * launch, each chunk also gets the allocation heaptrack saw return its pointer: site, size, backtrace.
 */
final class ChunkRegions implements Iterator<MemoryRegion> {

    private final SnapshotView view;
    private final RegionFilter filter;
    private final Iterator<HeapChunk> chunks;
    private final SnapshotAllocations allocations;
    private long position;
    private MemoryRegion next;

    ChunkRegions(SnapshotView view, RegionFilter filter) {
        this.view = view;
        this.filter = filter;
        this.chunks = view.heap().liveChunks();
        this.allocations = view.allocations();
    }

    @Override
    public boolean hasNext() {
        while (next == null && chunks.hasNext()) {
            HeapChunk chunk = chunks.next();
            long index = position++;
            if (filter.wantsStart(chunk.startAddress())) {
                next = region(index, chunk);
            }
        }
        return next != null;
    }

    @Override
    public MemoryRegion next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        MemoryRegion region = next;
        next = null;
        return region;
    }

    private MemoryRegion region(long index, HeapChunk chunk) {
        SnapshotAllocations.Allocation allocation = allocations == null ? null : allocations.at(chunk.startAddress());
        String site = allocation == null ? null : allocations.recording().backtraces().site(allocation.trace());
        return new MemoryRegion(view, RegionKind.CHUNK.regionId(view.id(), index), "heap", RegionKind.CHUNK.label(),
                chunk.startAddress(), chunk.startAddress() + chunk.usableSize(), null, null, null, null, null, null, null, site,
                null, null, chunk.mmapped() ? "mmapped" : "arena 0x" + Long.toHexString(chunk.arena()), null,
                allocation == null ? null : allocation.size(), allocation == null ? null : (long) allocation.trace());
    }
}
