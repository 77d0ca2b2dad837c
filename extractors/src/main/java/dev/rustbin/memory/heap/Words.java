package dev.rustbin.memory.heap;

import dev.rustbin.memory.AddressSpace;

/**
 * Little-endian reads from a snapshot that fail as an {@link InconsistentHeap} when memory was not
 * captured. Walks read chunk headers in address order, so reads are served from one page copied at
 * a time rather than one snapshot call per word.
 */
final class Words {

    private static final int PAGE = 4096;

    private final AddressSpace memory;
    private final byte[] page = new byte[PAGE];
    private final byte[] word = new byte[8];
    private long pageStart = -1;

    Words(AddressSpace memory) {
        this.memory = memory;
    }

    long u64(long address) {
        return read(address, 8);
    }

    int u16(long address) {
        return (int) read(address, 2);
    }

    int u8(long address) {
        return (int) read(address, 1);
    }

    private long read(long address, int width) {
        long start = address & -PAGE;
        int offset = (int) (address - start);
        byte[] bytes;
        if (offset + width <= PAGE && (start == pageStart || loadPage(start))) {
            bytes = page;
        } else if (memory.read(address, word, 0, width)) {
            bytes = word;
            offset = 0;
        } else {
            throw new InconsistentHeap("no memory at " + hex(address));
        }
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[offset + i] & 0xff);
        }
        return v;
    }

    private boolean loadPage(long start) {
        if (memory.read(start, page, 0, PAGE)) {
            pageStart = start;
            return true;
        }
        pageStart = -1;
        return false;
    }

    boolean readable(long address, long length) {
        return memory.contains(address, length);
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
