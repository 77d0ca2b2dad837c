package dev.rustbin.dwarf;

/** Binary search over addresses sorted as unsigned 64-bit numbers (addresses at or above 2^63 sort last). */
public final class AddressSearch {

    private AddressSearch() {
    }

    /** The index of the last of the first {@code count} values that is at or below {@code address}, or -1. */
    public static int lastAtOrBefore(long[] sorted, int count, long address) {
        int lo = 0;
        int hi = count - 1;
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
