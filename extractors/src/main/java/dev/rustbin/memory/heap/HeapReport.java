package dev.rustbin.memory.heap;

import dev.rustbin.memory.AddressSpace;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * What a heap walk found in one snapshot: how the heap was read (a short text for users), the
 * arenas and their heaps, problems met (a heap whose structures stop holding together is listed up
 * to that point and named here), totals, and the live chunks, streamed on demand from the snapshot.
 */
public final class HeapReport {

    /**
     * Counts of one walk, taken while it streamed every live chunk once.
     *
     * @param mmappedBytes         what the mmapped chunks' mappings hold (glibc's mp_.mmapped_mem)
     * @param keyedOutsideTcaches  chunks marked with glibc 2.34+'s tcache_key that are in no tcache
     *                             found, counted as free; 0 when the tcache walk and the key agree
     */
    public record Totals(long liveChunks, long liveUsableBytes, long mmappedChunks, long mmappedBytes, long keyedOutsideTcaches) {
    }

    /** An address range {@code [start, end)}. */
    public record Span(long start, long end) {
    }

    private final String method;
    private final boolean chunksListed;
    private final List<HeapArena> arenas;
    private final List<String> notes;
    private final List<Long> tcaches;
    private final AddressSpace memory;
    private final List<HeapSegment> segments;
    private final AddressSet free;
    private final OptionalLong tcacheKey;
    private final MmappedChunks mmapped;
    private Totals totals;

    HeapReport(String method, boolean chunksListed, List<HeapArena> arenas, List<String> notes, List<Long> tcaches,
               AddressSpace memory, List<HeapSegment> segments, AddressSet free, OptionalLong tcacheKey, MmappedChunks mmapped) {
        this.method = method;
        this.chunksListed = chunksListed;
        this.arenas = List.copyOf(arenas);
        this.notes = List.copyOf(notes);
        this.tcaches = List.copyOf(tcaches);
        this.memory = memory;
        this.segments = List.copyOf(segments);
        this.free = free;
        this.tcacheKey = tcacheKey;
        this.mmapped = mmapped;
    }

    /** A snapshot whose heap is not walked: why, and no chunks. */
    static HeapReport notListed(String method) {
        return new HeapReport(method, false, List.of(), List.of(), List.of(), null, List.of(), new AddressSet(), OptionalLong.empty(),
                new MmappedChunks(List.of(), 0));
    }

    /** Counts of the live chunks, taken on first use by streaming them all once. */
    public synchronized Totals totals() {
        if (totals == null) {
            long count = 0;
            long bytes = 0;
            LiveChunks it = new LiveChunks(memory, segments, free, tcacheKey, mmapped.chunks());
            while (chunksListed && it.hasNext()) {
                count++;
                bytes += it.next().usableSize();
            }
            totals = new Totals(count, bytes, mmapped.chunks().size(), mmapped.mappedBytes(), it.keyedOutsideTcaches());
        }
        return totals;
    }

    /**
     * How the heap was read: "glibc 2.36 main_arena from libc6-dbg symbols (...)", "glibc 2.36
     * main_arena found by a checked search of libc's data (...)", or why no chunks are listed
     * ("allocator not glibc malloc (jemalloc symbols found in libjemalloc.so.2): heap chunks not listed").
     */
    public String method() {
        return method;
    }

    /** False when the allocator is not glibc's malloc or its arena could not be found: no chunks. */
    public boolean chunksListed() {
        return chunksListed;
    }

    /** The arenas: main first, then the thread arenas in ring order. */
    public List<HeapArena> arenas() {
        return arenas;
    }

    /** Problems met and cross-checks that disagreed, one line each; empty when everything held together. */
    public List<String> notes() {
        return notes;
    }

    /** The threads' tcache_perthread_structs (the pointers malloc returned for them). */
    public List<Long> tcaches() {
        return tcaches;
    }

    /**
     * Where malloc keeps its own state outside its heaps: main_arena's malloc_state in libc's data.
     * Its words point at free chunks and at the top chunk, never at memory the program holds.
     */
    public List<Span> allocatorState() {
        return arenas.stream().filter(a -> a.kind().equals("main"))
                .map(a -> new Span(a.address(), a.address() + GlibcLayout.STATE_SIZE)).toList();
    }

    /** The live chunks, arena heaps first, then the mmapped chunks; each call walks the snapshot again. */
    public Iterator<HeapChunk> liveChunks() {
        return chunksListed ? new LiveChunks(memory, segments, free, tcacheKey, mmapped.chunks()) : Collections.emptyIterator();
    }

    /** The chunks mmapped on their own (each fills a mapping of its own). */
    public List<HeapChunk> mmappedChunks() {
        return mmapped.chunks();
    }

    public void forEachLiveChunk(Consumer<HeapChunk> action) {
        liveChunks().forEachRemaining(action);
    }
}
