package dev.rustbin.memory.heap;

import dev.rustbin.memory.AddressSpace;
import dev.rustbin.memory.SnapshotException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Streams the live chunks: each arena heap walked again up to where the first walk found it
 * consistent, skipping free chunks (a successor with PREV_INUSE clear, a fastbin or tcache member,
 * or since glibc 2.34 a chunk carrying the tcache key), then the mmapped chunks. Nothing but the
 * current chunk is held, so a heap of millions of chunks streams in constant memory.
 */
final class LiveChunks implements Iterator<HeapChunk> {

    private final Words words;
    private final List<HeapSegment> segments;
    private final AddressSet free;
    private final OptionalLong tcacheKey;
    private final Iterator<HeapChunk> mmapped;
    private int segment = -1;
    private ChunkCursor cursor;
    private HeapChunk next;
    private long keyedOutsideTcaches;

    LiveChunks(AddressSpace memory, List<HeapSegment> segments, AddressSet free, OptionalLong tcacheKey, List<HeapChunk> mmapped) {
        this.words = new Words(memory);
        this.segments = segments;
        this.free = free;
        this.tcacheKey = tcacheKey;
        this.mmapped = mmapped.iterator();
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            if (cursor == null) {
                if (segment + 1 == segments.size()) {
                    if (!mmapped.hasNext()) {
                        return false;
                    }
                    next = mmapped.next();
                    return true;
                }
                cursor = segments.get(++segment).listing(words);
            }
            try {
                if (!cursor.advance()) {
                    cursor = null;
                } else if (live(cursor)) {
                    HeapSegment s = segments.get(segment);
                    next = new HeapChunk(cursor.address() + GlibcLayout.CHUNK_HDR, cursor.size() - GlibcLayout.SIZE_SZ,
                            cursor.address(), cursor.size(), s.arena, false);
                }
            } catch (InconsistentHeap e) {
                throw new SnapshotException("heap changed while it was read: " + e.getMessage(), e);
            }
        }
        return true;
    }

    private boolean live(ChunkCursor c) {
        if (!c.inUse() || free.contains(c.address())) {
            return false;
        }
        if (tcacheKey.isPresent() && words.u64(c.address() + GlibcLayout.CHUNK_HDR + 8) == tcacheKey.getAsLong()) {
            keyedOutsideTcaches++;
            return false;
        }
        return true;
    }

    /** Chunks so far that carry the tcache key but are in no tcache found (counted as free, as glibc would). */
    long keyedOutsideTcaches() {
        return keyedOutsideTcaches;
    }

    @Override
    public HeapChunk next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        HeapChunk chunk = next;
        next = null;
        return chunk;
    }
}
