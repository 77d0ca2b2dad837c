package dev.rustbin.memory.reach;

import java.util.Arrays;

/**
 * Marks every chunk reachable from the roots: each root word that points into a chunk marks it and
 * puts it on a worklist; each chunk taken from the worklist has its words scanned the same way.
 * The worklist holds chunk positions in an int array that grows as needed (at most one entry per chunk).
 */
final class Marking implements WordReader.WordVisitor {

    private final HeapGraph graph;
    private final ChunkIndex index;
    private final WordReader reader;
    private final long[] marks;
    private int[] pending = new int[1024];
    private int pendingCount;

    Marking(HeapGraph graph, ChunkIndex index, WordReader reader) {
        this.graph = graph;
        this.index = index;
        this.reader = reader;
        this.marks = new long[(index.size() + 63) >>> 6];
    }

    /** The marks, one bit per chunk position. */
    long[] run() {
        for (RootSet.Register r : graph.roots().registers()) {
            word(0, r.value());
        }
        for (RootSet.Range r : graph.roots().ranges()) {
            reader.forEachWord(r.start(), r.end(), this);
        }
        while (pendingCount > 0) {
            int chunk = pending[--pendingCount];
            if (graph.scanned(chunk)) {
                reader.forEachWord(index.start(chunk), index.end(chunk), this);
            }
        }
        return marks;
    }

    @Override
    public void word(long address, long value) {
        int i = index.indexOf(value);
        if (i >= 0 && (marks[i >>> 6] & (1L << i)) == 0) {
            marks[i >>> 6] |= 1L << i;
            if (pendingCount == pending.length) {
                pending = Arrays.copyOf(pending, (int) Math.min(Integer.MAX_VALUE - 8, pending.length * 2L));
            }
            pending[pendingCount++] = i;
        }
    }
}
