package dev.rustbin.memory.heap;

import static dev.rustbin.memory.heap.GlibcLayout.ALIGN_MASK;
import static dev.rustbin.memory.heap.GlibcLayout.CHUNK_HDR;
import static dev.rustbin.memory.heap.GlibcLayout.FLAGS;
import static dev.rustbin.memory.heap.GlibcLayout.IS_MMAPPED;
import static dev.rustbin.memory.heap.GlibcLayout.MIN_CHUNK;
import static dev.rustbin.memory.heap.GlibcLayout.NON_MAIN_ARENA;
import static dev.rustbin.memory.heap.GlibcLayout.PREV_INUSE;
import static dev.rustbin.memory.heap.Words.hex;

/**
 * Steps through the chunks of one heap by their size fields, checking each against its neighbours
 * (size aligned and inside the heap, prev_size equal to the free predecessor's size, the arena bit
 * right for in-use chunks); the first chunk that does not fit throws an {@link InconsistentHeap}.
 * A heap that ends at the arena's top stops exactly there; an older heap of a thread arena stops at
 * the fenceposts sysmalloc wrote when it moved on.
 */
final class ChunkCursor {

    private final Words words;
    private final long end;
    private final boolean endsAtTop;
    private final boolean mainArena;
    private long next;
    private long address;
    private long size;
    private boolean inUse;
    private long previousSize;

    /** @param end the top chunk (when {@code endsAtTop}), or where the heap's memory or its listing ends */
    ChunkCursor(Words words, long first, long end, boolean endsAtTop, boolean mainArena) {
        this.words = words;
        this.end = end;
        this.endsAtTop = endsAtTop;
        this.mainArena = mainArena;
        this.next = first;
    }

    /** The header address of the chunk the cursor will read next (where a walk stopped). */
    long position() {
        return next;
    }

    /** Moves to the next chunk; false at the heap's end. */
    boolean advance() {
        if (Long.compareUnsigned(next, end) >= 0) {
            if (endsAtTop && next != end) {
                throw new InconsistentHeap("the last chunk ends at " + hex(next) + ", past the top chunk at " + hex(end));
            }
            return false;
        }
        long p = next;
        long field = words.u64(p + 8);
        long csize = field & ~FLAGS;
        if (!endsAtTop && (csize == CHUNK_HDR || csize == 0)) {
            // sysmalloc's fenceposts sit in the last 2 headers (plus alignment) of the heap it left.
            if (Long.compareUnsigned(end - p, 2 * CHUNK_HDR + ALIGN_MASK) > 0) {
                throw new InconsistentHeap("chunk at " + hex(p) + " has size " + hex(field) + ", a fencepost far from the heap's end " + hex(end));
            }
            return false;
        }
        if (csize < MIN_CHUNK || (csize & ALIGN_MASK) != 0 || Long.compareUnsigned(csize, end - p) > 0) {
            throw new InconsistentHeap("chunk at " + hex(p) + " has size " + hex(field) + ", which does not fit the heap ending at " + hex(end));
        }
        if ((field & IS_MMAPPED) != 0) {
            throw new InconsistentHeap("chunk at " + hex(p) + " inside an arena heap has the mmapped bit set");
        }
        boolean prevInUse = (field & PREV_INUSE) != 0;
        if (!prevInUse && previousSize == 0) {
            throw new InconsistentHeap("the first chunk of the heap, at " + hex(p) + ", says a free chunk precedes it");
        }
        if (!prevInUse && words.u64(p) != previousSize) {
            throw new InconsistentHeap("chunk at " + hex(p) + " has prev_size " + hex(words.u64(p)) + " but its free predecessor has size " + hex(previousSize));
        }
        long following = p + csize;
        boolean used = (words.u64(following + 8) & PREV_INUSE) != 0;
        if (used && ((field & NON_MAIN_ARENA) != 0) == mainArena) {
            throw new InconsistentHeap("in-use chunk at " + hex(p) + " has the non-main-arena bit " + (mainArena ? "set in the main arena" : "clear in a thread arena"));
        }
        address = p;
        size = csize;
        inUse = used;
        previousSize = csize;
        next = following;
        return true;
    }

    long address() {
        return address;
    }

    long size() {
        return size;
    }

    /** The successor's PREV_INUSE bit: false for chunks in the unsorted, small and large bins. */
    boolean inUse() {
        return inUse;
    }
}
