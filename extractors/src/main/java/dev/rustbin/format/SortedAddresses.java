package dev.rustbin.format;

/** Binary search over sorted arrays of unsigned 64-bit addresses (range starts, chunk starts, FDE begins). */
public final class SortedAddresses {

    private SortedAddresses() {
    }

    /** The last index in {@code [from, to)} whose address is at or below {@code address} (unsigned), or {@code from - 1}. */
    public static int lastAtOrBelow(long[] sorted, int from, int to, long address) {
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted[mid], address) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }
}
