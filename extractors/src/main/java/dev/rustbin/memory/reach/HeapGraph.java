package dev.rustbin.memory.reach;

import dev.rustbin.memory.SnapshotView;
import java.lang.ref.SoftReference;
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
 * <p>Made once per snapshot ({@link #of}); the marks are computed on first use. What stays for the
 * connection's life is one mark bit per chunk: the chunk index (12 bytes per chunk) is only softly
 * kept, made again from the heap walk when the JVM needed the memory. Marking also takes a worklist
 * of chunk positions and one read buffer; words are read from the snapshot, never held.
 */
public final class HeapGraph {

    /** Reading ahead while marking: chunks marked one after another are often neighbours. */
    private static final int MARKING_READ_AHEAD = 64 << 10;

    private final SnapshotView view;
    private final RootSet roots;
    /** Sorted positions of the chunks holding malloc's own state (each thread's tcache_perthread_struct): not scanned. */
    private final int[] unscanned;
    private SoftReference<ChunkIndex> index;
    private long[] reached;
    private long unreachableChunks;
    private long unreachableBytes;

    private HeapGraph(SnapshotView view, ChunkIndex index, RootSet roots, int[] unscanned) {
        this.view = view;
        this.index = new SoftReference<>(index);
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

    /** Whether a chain of pointers from a root reaches the live chunk at this position of the heap walk. */
    public boolean isReachableAt(int position) {
        long[] marks = marks();
        return (marks[position >>> 6] & (1L << position)) != 0;
    }

    /** {@link #isReachableAt} of the live chunk starting at {@code chunkStart}; null when no live chunk starts there. */
    public Boolean isReachable(long chunkStart) {
        int i = index().indexOfStart(chunkStart);
        return i < 0 ? null : isReachableAt(i);
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
        return new ReferenceScan(this, index(), filter);
    }

    synchronized ChunkIndex index() {
        ChunkIndex kept = index.get();
        if (kept == null) {
            kept = ChunkIndex.of(view.heap());
            index = new SoftReference<>(kept);
        }
        return kept;
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
            ChunkIndex chunks = index();
            reached = new Marking(this, chunks, reader(MARKING_READ_AHEAD)).run();
            for (int i = 0; i < chunks.size(); i++) {
                if ((reached[i >>> 6] & (1L << i)) == 0) {
                    unreachableChunks++;
                    unreachableBytes += chunks.usableSize(i);
                }
            }
        }
        return reached;
    }
}
