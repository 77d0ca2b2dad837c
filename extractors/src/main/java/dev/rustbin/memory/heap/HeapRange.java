package dev.rustbin.memory.heap;

/**
 * One contiguous heap of an arena: the sbrk heap of the main arena, or one 64 MiB-aligned
 * heap_info block of a thread arena.
 *
 * @param start      where the heap starts (mp_.sbrk_base, or the heap_info block)
 * @param end        where its memory ends (the end of the top chunk, or start + heap_info.size)
 * @param firstChunk the first chunk's header
 * @param chunksEnd  where chunks end: the top chunk, or the fencepost that closes an older heap
 * @param listedEnd  how far chunks were listed: {@code chunksEnd}, or where an inconsistency stopped the walk
 */
public record HeapRange(long start, long end, long firstChunk, long chunksEnd, long listedEnd) {

    public boolean complete() {
        return listedEnd == chunksEnd;
    }
}
