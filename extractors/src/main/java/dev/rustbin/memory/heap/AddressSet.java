package dev.rustbin.memory.heap;

import java.util.Arrays;

/** A set of addresses in a sorted long array: free chunks can be many, boxed sets would be large. */
final class AddressSet {

    private long[] values = new long[16];
    private int size;
    private boolean sorted = true;

    void add(long address) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        sorted &= size == 0 || values[size - 1] < address;
        values[size++] = address;
    }

    boolean contains(long address) {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        return Arrays.binarySearch(values, 0, size, address) >= 0;
    }

    int size() {
        return size;
    }
}
