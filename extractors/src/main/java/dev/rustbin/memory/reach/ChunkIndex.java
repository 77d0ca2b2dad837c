package dev.rustbin.memory.reach;

import dev.rustbin.memory.SnapshotException;
import dev.rustbin.format.SortedAddresses;
import dev.rustbin.memory.heap.HeapChunk;
import dev.rustbin.memory.heap.HeapRange;
import dev.rustbin.memory.heap.HeapReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The live chunks of a heap walk in primitive arrays, looked up by address. A chunk is known by its
 * position in the walk, the position memory_regions numbers chunk rows by; the walk lists each arena
 * heap in ascending order, so its runs (one per heap, one per chunk mmapped on its own) are sorted by
 * address and a pointer is found with two binary searches. 12 bytes per chunk, no object per chunk.
 */
final class ChunkIndex {

    /** Usable sizes are kept in 8-byte words in an unsigned int. */
    private static final long LARGEST_USABLE = 0xffff_ffffL << 3;

    private final long[] starts;
    private final int[] usableWords;
    private final long[] runLow;
    private final long[] runHigh;
    private final int[] runFirst;
    private final int[] runCount;

    private ChunkIndex(long[] starts, int[] usableWords, long[] runLow, long[] runHigh, int[] runFirst, int[] runCount) {
        this.starts = starts;
        this.usableWords = usableWords;
        this.runLow = runLow;
        this.runHigh = runHigh;
        this.runFirst = runFirst;
        this.runCount = runCount;
    }

    static ChunkIndex of(HeapReport report) {
        long total = report.totals().liveChunks();
        if (total > Integer.MAX_VALUE - 16) {
            throw new SnapshotException("the heap holds " + total + " live chunks, more than the reachability scan indexes");
        }
        int n = (int) total;
        long[] starts = new long[n];
        int[] usableWords = new int[n];
        List<HeapRange> heaps = report.arenas().stream().flatMap(a -> a.heaps().stream()).toList();
        List<Integer> runStarts = new ArrayList<>();
        HeapRange heap = null;
        int i = 0;
        for (Iterator<HeapChunk> it = report.liveChunks(); it.hasNext(); i++) {
            HeapChunk c = it.next();
            if (i == n) {
                throw new IllegalStateException("the heap walk listed more chunks than it counted");
            }
            if (c.mmapped() || heap == null || !holds(heap, c)) {
                heap = c.mmapped() ? null : heaps.stream().filter(h -> holds(h, c)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("chunk 0x" + Long.toHexString(c.chunkAddress()) + " is in no heap"));
                runStarts.add(i);
            } else if (Long.compareUnsigned(c.startAddress(), starts[i - 1]) <= 0) {
                throw new IllegalStateException("the heap walk went down at chunk 0x" + Long.toHexString(c.chunkAddress()));
            }
            if (Long.compareUnsigned(c.usableSize(), LARGEST_USABLE) > 0) {
                throw new SnapshotException("the chunk at 0x" + Long.toHexString(c.startAddress()) + " holds " + c.usableSize()
                        + " bytes, more than the reachability scan indexes");
            }
            starts[i] = c.startAddress();
            usableWords[i] = (int) (c.usableSize() >>> 3);
        }
        if (i != n) {
            throw new IllegalStateException("the heap walk listed " + i + " chunks but counted " + n);
        }
        return withRuns(starts, usableWords, runStarts);
    }

    private static boolean holds(HeapRange heap, HeapChunk c) {
        return Long.compareUnsigned(c.chunkAddress(), heap.firstChunk()) >= 0 && Long.compareUnsigned(c.chunkAddress(), heap.listedEnd()) < 0;
    }

    private static ChunkIndex withRuns(long[] starts, int[] usableWords, List<Integer> runStarts) {
        int runs = runStarts.size();
        Integer[] order = new Integer[runs];
        for (int r = 0; r < runs; r++) {
            order[r] = r;
        }
        Arrays.sort(order, Comparator.comparing(r -> starts[runStarts.get(r)], Long::compareUnsigned));
        long[] low = new long[runs];
        long[] high = new long[runs];
        int[] first = new int[runs];
        int[] count = new int[runs];
        for (int k = 0; k < runs; k++) {
            int r = order[k];
            first[k] = runStarts.get(r);
            count[k] = (r + 1 < runs ? runStarts.get(r + 1) : starts.length) - first[k];
            int last = first[k] + count[k] - 1;
            low[k] = starts[first[k]];
            high[k] = starts[last] + (Integer.toUnsignedLong(usableWords[last]) << 3);
            if (k > 0 && Long.compareUnsigned(low[k], high[k - 1]) < 0) {
                throw new IllegalStateException("heaps overlap at 0x" + Long.toHexString(low[k]));
            }
        }
        return new ChunkIndex(starts, usableWords, low, high, first, count);
    }

    int size() {
        return starts.length;
    }

    /** The pointer malloc returned for the chunk at walk position {@code index}. */
    long start(int index) {
        return starts[index];
    }

    long usableSize(int index) {
        return Integer.toUnsignedLong(usableWords[index]) << 3;
    }

    long end(int index) {
        return starts[index] + usableSize(index);
    }

    /** The position of the chunk whose usable bytes hold {@code pointer} (its start or inside it), or -1. */
    int indexOf(long pointer) {
        int runs = runLow.length;
        if (runs == 0 || Long.compareUnsigned(pointer, runLow[0]) < 0 || Long.compareUnsigned(pointer, runHigh[runs - 1]) >= 0) {
            return -1;
        }
        int r = SortedAddresses.lastAtOrBelow(runLow, 0, runs, pointer);
        if (Long.compareUnsigned(pointer, runHigh[r]) >= 0) {
            return -1;
        }
        int i = SortedAddresses.lastAtOrBelow(starts, runFirst[r], runFirst[r] + runCount[r], pointer);
        return Long.compareUnsigned(pointer - starts[i], usableSize(i)) < 0 ? i : -1;
    }

    /** The position of the chunk that starts at {@code start} exactly, or -1. */
    int indexOfStart(long start) {
        int i = indexOf(start);
        return i >= 0 && starts[i] == start ? i : -1;
    }
}
