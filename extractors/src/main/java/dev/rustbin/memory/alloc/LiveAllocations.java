package dev.rustbin.memory.alloc;

/**
 * Allocations not freed yet: pointer to requested size and backtrace node, in open-addressed
 * primitive arrays (about 24 bytes an allocation, no object per entry), so millions of live
 * allocations stay cheap.
 */
public final class LiveAllocations {

    private static final long EMPTY = 0;

    private long[] pointers = new long[1 << 12];
    private long[] sizes = new long[1 << 12];
    private int[] traces = new int[1 << 12];
    private int count;

    /** Records an allocation (malloc never returns the same pointer twice without a free between). */
    public void put(long pointer, long size, int trace) {
        if (pointer == EMPTY) {
            return;
        }
        if ((count + 1) * 10L > pointers.length * 6L) {
            grow();
        }
        int slot = slotOf(pointer);
        if (pointers[slot] == EMPTY) {
            count++;
        }
        pointers[slot] = pointer;
        sizes[slot] = size;
        traces[slot] = trace;
    }

    /** The slot holding {@code pointer}, or -1. */
    public int find(long pointer) {
        if (pointer == EMPTY) {
            return -1;
        }
        int slot = slotOf(pointer);
        return pointers[slot] == pointer ? slot : -1;
    }

    public long sizeAt(int slot) {
        return sizes[slot];
    }

    public int traceAt(int slot) {
        return traces[slot];
    }

    /** Forgets an allocation; false when it was not live (allocated before tracking began). */
    public boolean remove(long pointer) {
        int slot = find(pointer);
        if (slot < 0) {
            return false;
        }
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int mask = pointers.length - 1;
        int hole = slot;
        for (int next = (hole + 1) & mask; pointers[next] != EMPTY; next = (next + 1) & mask) {
            int home = home(pointers[next]);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                pointers[hole] = pointers[next];
                sizes[hole] = sizes[next];
                traces[hole] = traces[next];
                hole = next;
            }
        }
        pointers[hole] = EMPTY;
        count--;
        return true;
    }

    public int count() {
        return count;
    }

    private int home(long pointer) {
        long h = pointer * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & (pointers.length - 1);
    }

    private int slotOf(long pointer) {
        int mask = pointers.length - 1;
        int slot = home(pointer);
        while (pointers[slot] != EMPTY && pointers[slot] != pointer) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldPointers = pointers;
        long[] oldSizes = sizes;
        int[] oldTraces = traces;
        pointers = new long[oldPointers.length * 2];
        sizes = new long[pointers.length];
        traces = new int[pointers.length];
        count = 0;
        for (int i = 0; i < oldPointers.length; i++) {
            if (oldPointers[i] != EMPTY) {
                put(oldPointers[i], oldSizes[i], oldTraces[i]);
            }
        }
    }
}
