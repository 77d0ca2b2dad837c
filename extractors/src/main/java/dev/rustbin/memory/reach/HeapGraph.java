package dev.rustbin.memory.reach;

import dev.rustbin.memory.SnapshotView;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The pointers between a snapshot's roots and its live heap chunks, found by a conservative scan as
 * memcheck's leak check does it: any aligned word whose value lies in a live chunk's usable bytes
 * (its start or inside it) points to that chunk. A chunk is reachable when a chain of such words
 * leads to it from a root ({@link RootSet}); an unreachable chunk is what memcheck calls
 * "definitely lost" or, when only other lost chunks point to it, "indirectly lost". Interior
 * pointers count, as memcheck's "possibly lost" chunks are not definitely lost.
 *
 * <p>Made once per snapshot ({@link #of}); the marks are computed on first use. Memory: the chunk
 * index (12 bytes per chunk), one mark bit per chunk, a worklist of chunk positions and one 1 MiB
 * read buffer; words are read from the snapshot, never held.
 */
public final class HeapGraph {

    /** Reading ahead while marking: chunks marked one after another are often neighbours. */
    private static final int MARKING_READ_AHEAD = 64 << 10;

    private final SnapshotView view;
    private final ChunkIndex index;
    private final RootSet roots;
    /** Sorted positions of the chunks holding malloc's own state (each thread's tcache_perthread_struct): not scanned. */
    private final int[] unscanned;
    private long[] reached;
    private long unreachableChunks;
    private long unreachableBytes;

    private HeapGraph(SnapshotView view, ChunkIndex index, RootSet roots, int[] unscanned) {
        this.view = view;
        this.index = index;
        this.roots = roots;
        this.unscanned = unscanned;
    }

    /** The snapshot's graph, made on first use and then shared by every query of the connection. */
    public static HeapGraph of(SnapshotView view) {
        return view.derived(HeapGraph.class, HeapGraph::build);
    }

    private static HeapGraph build(SnapshotView view) {
        ChunkIndex index = ChunkIndex.of(view.heap());
        int[] unscanned = view.heap().tcaches().stream().mapToInt(index::indexOfStart).filter(i -> i >= 0).sorted().toArray();
        return new HeapGraph(view, index, RootSet.of(view), unscanned);
    }

    /** Whether a chain of pointers from a root reaches the live chunk starting at {@code chunkStart}; null when no live chunk starts there. */
    public Boolean isReachable(long chunkStart) {
        int i = index.indexOfStart(chunkStart);
        if (i < 0) {
            return null;
        }
        long[] marks = marks();
        return (marks[i >>> 6] & (1L << i)) != 0;
    }

    public long unreachableChunks() {
        marks();
        return unreachableChunks;
    }

    /** The usable bytes of the unreachable chunks. */
    public long unreachableBytes() {
        marks();
        return unreachableBytes;
    }

    /** Every pointer to a live chunk from the sources the filter wants: registers, root ranges, then chunks in walk order. */
    public Iterator<HeapReference> references(ReferenceFilter filter) {
        return new ReferenceScan(this, filter);
    }

    ChunkIndex index() {
        return index;
    }

    RootSet roots() {
        return roots;
    }

    WordReader reader(int readAhead) {
        return new WordReader(view.snapshot().memory(), readAhead);
    }

    boolean scanned(int chunk) {
        return Arrays.binarySearch(unscanned, chunk) < 0;
    }

    private synchronized long[] marks() {
        if (reached == null) {
            reached = new Marking(this, reader(MARKING_READ_AHEAD)).run();
            for (int i = 0; i < index.size(); i++) {
                if ((reached[i >>> 6] & (1L << i)) == 0) {
                    unreachableChunks++;
                    unreachableBytes += index.usableSize(i);
                }
            }
        }
        return reached;
    }
}
