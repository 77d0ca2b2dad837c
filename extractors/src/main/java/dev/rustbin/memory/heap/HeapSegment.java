package dev.rustbin.memory.heap;

/**
 * One heap of an arena as the walker handles it: where its chunks start and may end, and, after the
 * first walk, where they do end ({@code chunksEnd}) and how far they can be listed ({@code listedEnd}).
 */
final class HeapSegment {

    final long arena;
    final boolean mainArena;
    final long start;
    final long end;
    final long firstChunk;
    /** The top chunk when this is the arena's newest heap; else the end of the heap's memory. */
    final long limit;
    final boolean endsAtTop;
    long chunksEnd;
    long listedEnd;
    long chunkCount;

    HeapSegment(long arena, boolean mainArena, long start, long end, long firstChunk, long limit, boolean endsAtTop) {
        this.arena = arena;
        this.mainArena = mainArena;
        this.start = start;
        this.end = end;
        this.firstChunk = firstChunk;
        this.limit = limit;
        this.endsAtTop = endsAtTop;
        this.chunksEnd = limit;
        this.listedEnd = limit;
    }

    /** A cursor over the whole heap, for the first walk. */
    ChunkCursor firstWalk(Words words) {
        return new ChunkCursor(words, firstChunk, limit, endsAtTop, mainArena);
    }

    /** A cursor over the chunks the first walk found consistent. */
    ChunkCursor listing(Words words) {
        return new ChunkCursor(words, firstChunk, listedEnd, endsAtTop && complete(), mainArena);
    }

    boolean complete() {
        return listedEnd == chunksEnd;
    }

    /** True when {@code chunk} lies in the heap's chunk area, listed or not (a free list may lead past a bad chunk). */
    boolean holds(long chunk) {
        return Long.compareUnsigned(chunk, firstChunk) >= 0 && Long.compareUnsigned(chunk, limit) < 0;
    }

    HeapRange range() {
        return new HeapRange(start, end, firstChunk, chunksEnd, listedEnd);
    }
}
