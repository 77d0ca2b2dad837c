package dev.rustbin.memory.heap;

import static dev.rustbin.memory.heap.GlibcLayout.BINS;
import static dev.rustbin.memory.heap.GlibcLayout.FASTBINS;
import static dev.rustbin.memory.heap.GlibcLayout.FLAGS;
import static dev.rustbin.memory.heap.GlibcLayout.PREV_INUSE;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_BINS;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_FASTBINS;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_FLAGS;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_NEXT;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_SIZE;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_SYSTEM_MEM;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_TOP;
import static dev.rustbin.memory.heap.Words.hex;

/**
 * Whether a malloc_state holds together: lock and flags in range, the arena ring through
 * {@code next} returns to it, the top chunk lies in writable memory with its size inside its
 * mapping, every bin either empty (pointing to itself both ways) or pointing into writable memory,
 * fastbins empty or pointing into writable memory. Used on main_arena found by symbols, on every
 * thread arena, and to recognise main_arena when there are no symbols.
 */
final class MallocStateCheck {

    /** More arenas than glibc ever makes (8 per core by default): a longer ring is not a ring. */
    static final int MAX_ARENAS = 4096;

    private MallocStateCheck() {
    }

    /** Throws an {@link InconsistentHeap} naming the first field that does not fit. */
    static void check(Words words, WritableMemory writable, long arena) {
        if (!writable.holds(arena, STATE_SIZE)) {
            throw new InconsistentHeap("malloc_state at " + hex(arena) + " is not in writable memory");
        }
        long lockAndFlags = words.u64(arena);
        int mutex = (int) lockAndFlags;
        int flags = (int) (lockAndFlags >>> 32);
        if (mutex < 0 || mutex > 2 || (flags & ~FLAGS) != 0) {
            throw new InconsistentHeap("malloc_state at " + hex(arena) + " has mutex " + mutex + " and flags " + flags);
        }
        checkRing(words, writable, arena);
        long top = words.u64(arena + STATE_TOP);
        if (top != GlibcLayout.binAt(arena, 1)) {
            if (!writable.holdsChunk(top)) {
                throw new InconsistentHeap("malloc_state at " + hex(arena) + " has its top chunk at " + hex(top) + ", outside writable memory");
            }
            long field = words.u64(top + 8);
            long size = field & ~FLAGS;
            if ((field & PREV_INUSE) == 0 || (size & GlibcLayout.ALIGN_MASK) != 0 || !writable.holds(top, size)) {
                throw new InconsistentHeap("top chunk " + hex(top) + " of malloc_state " + hex(arena) + " has size " + hex(field) + ", beyond its mapping");
            }
            if (Long.compareUnsigned(words.u64(arena + STATE_SYSTEM_MEM), size) < 0) {
                throw new InconsistentHeap("malloc_state at " + hex(arena) + " has system_mem below its top chunk's size");
            }
        }
        for (int i = 1; i <= BINS; i++) {
            long self = GlibcLayout.binAt(arena, i);
            long fd = words.u64(arena + STATE_BINS + (i - 1) * 16L);
            long bk = words.u64(arena + STATE_BINS + (i - 1) * 16L + 8);
            boolean empty = fd == self;
            if (empty != (bk == self) || !empty && !(writable.holdsChunk(fd) && writable.holdsChunk(bk))) {
                throw new InconsistentHeap("bin " + i + " of malloc_state " + hex(arena) + " points to " + hex(fd) + " and " + hex(bk));
            }
        }
        for (int i = 0; i < FASTBINS; i++) {
            long head = words.u64(arena + STATE_FASTBINS + 8L * i);
            if (head != 0 && !writable.holdsChunk(head)) {
                throw new InconsistentHeap("fastbin " + i + " of malloc_state " + hex(arena) + " points to " + hex(head));
            }
        }
    }

    private static void checkRing(Words words, WritableMemory writable, long arena) {
        long at = words.u64(arena + STATE_NEXT);
        for (int i = 0; i < MAX_ARENAS; i++) {
            if (at == arena) {
                return;
            }
            if (!writable.holds(at, STATE_SIZE)) {
                throw new InconsistentHeap("the arena ring of " + hex(arena) + " leads to " + hex(at) + ", outside writable memory");
            }
            at = words.u64(at + STATE_NEXT);
        }
        throw new InconsistentHeap("the arena ring of " + hex(arena) + " does not return to it");
    }
}
