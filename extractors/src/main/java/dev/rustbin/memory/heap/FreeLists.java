package dev.rustbin.memory.heap;

import static dev.rustbin.memory.heap.GlibcLayout.CHUNK_HDR;
import static dev.rustbin.memory.heap.GlibcLayout.FASTBINS;
import static dev.rustbin.memory.heap.GlibcLayout.FLAGS;
import static dev.rustbin.memory.heap.GlibcLayout.MIN_CHUNK;
import static dev.rustbin.memory.heap.GlibcLayout.PREV_INUSE;
import static dev.rustbin.memory.heap.GlibcLayout.STATE_FASTBINS;
import static dev.rustbin.memory.heap.GlibcLayout.TCACHE_BINS;
import static dev.rustbin.memory.heap.Words.hex;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The free chunks that look in use from the heap's side (their successor keeps PREV_INUSE set):
 * those in fastbins and in the threads' tcaches. Every list is followed with its pointers unmangled
 * and checked (aligned, inside the arena's heaps, the size of its bin, of bounded length).
 */
final class FreeLists {

    private final Words words;
    private final GlibcLayout layout;
    private final List<HeapSegment> segments;
    private final AddressSet free = new AddressSet();
    private final List<Long> tcaches = new ArrayList<>();
    private OptionalLong tcacheKey;

    FreeLists(Words words, GlibcLayout layout, List<HeapSegment> segments, OptionalLong tcacheKey) {
        this.words = words;
        this.layout = layout;
        this.segments = segments;
        this.tcacheKey = tcacheKey;
    }

    AddressSet free() {
        return free;
    }

    /** The tcache_perthread_structs found (the pointers malloc returned for them). */
    List<Long> tcaches() {
        return tcaches;
    }

    /** The key glibc 2.34+ writes into each tcache entry: from libc's data, or learnt from a checked tcache. */
    OptionalLong tcacheKey() {
        return tcacheKey;
    }

    /** Adds the arena's fastbin chunks; an {@link InconsistentHeap} when a list does not hold together. */
    void addFastbins(long arena, List<HeapSegment> arenaHeaps, long maxLength) {
        for (int i = 0; i < FASTBINS; i++) {
            long slot = arena + STATE_FASTBINS + 8L * i;
            long chunk = words.u64(slot);
            long expected = MIN_CHUNK + 16L * i;
            for (long n = 0; chunk != 0; n++) {
                if (n > maxLength || (chunk & GlibcLayout.ALIGN_MASK) != 0 || !inAny(arenaHeaps, chunk)
                        || (words.u64(chunk + 8) & ~FLAGS) != expected) {
                    throw new InconsistentHeap("fastbin " + i + " of arena " + hex(arena) + " leads to " + hex(chunk)
                            + ", not a free chunk of size " + expected + " in its heaps");
                }
                free.add(chunk);
                chunk = layout.reveal(chunk + 16, words.u64(chunk + 16));
            }
        }
    }

    /**
     * Takes a chunk of the tcache_perthread_struct's size as a thread's tcache when every list in it
     * holds together: counts match the lists' lengths, each entry is a chunk of its bin's size inside
     * an arena heap, still marked in use, carrying the tcache key. A chunk that fails is a user's.
     */
    void addTcacheIfOne(long chunk, long maxCount) {
        long tcache = chunk + CHUNK_HDR;
        List<Long> entries = new ArrayList<>();
        OptionalLong key = tcacheKey;
        try {
            for (int i = 0; i < TCACHE_BINS; i++) {
                long count = layout.tcacheCountWidth() == 2 ? words.u16(tcache + 2L * i) : words.u8(tcache + i);
                long entry = words.u64(tcache + layout.tcacheEntriesOffset() + 8L * i);
                if (count > maxCount || (count == 0) != (entry == 0)) {
                    return;
                }
                for (long n = 0; n < count; n++) {
                    long entryChunk = entry - CHUNK_HDR;
                    long size = MIN_CHUNK + 16L * i;
                    if ((entry & GlibcLayout.ALIGN_MASK) != 0 || !inAny(segments, entryChunk)
                            || (words.u64(entryChunk + 8) & ~FLAGS) != size
                            || (words.u64(entryChunk + size + 8) & PREV_INUSE) == 0) {
                        return;
                    }
                    long entryKey = words.u64(entry + 8);
                    if (layout.tcacheKeyIsRandom()) {
                        if (key.isPresent() && key.getAsLong() != entryKey) {
                            return;
                        }
                        key = OptionalLong.of(entryKey);
                    } else if (layout.tcacheKeyed() && entryKey != tcache) {
                        return;
                    }
                    entries.add(entryChunk);
                    entry = layout.reveal(entry, words.u64(entry));
                }
                if (entry != 0) {
                    return;
                }
            }
        } catch (InconsistentHeap notATcache) {
            return;
        }
        entries.forEach(free::add);
        tcaches.add(tcache);
        if (layout.tcacheKeyIsRandom()) {
            tcacheKey = key;
        }
    }

    private static boolean inAny(List<HeapSegment> heaps, long chunk) {
        for (HeapSegment s : heaps) {
            if (s.holds(chunk)) {
                return true;
            }
        }
        return false;
    }
}
