package dev.rustbin.memory.heap;

import dev.rustbin.memory.AddressSpace;

/** Little-endian reads from a snapshot that fail as an {@link InconsistentHeap} when memory was not captured. */
final class Words {

    private final AddressSpace memory;
    private final byte[] buffer = new byte[8];

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
        if (!memory.read(address, buffer, 0, width)) {
            throw new InconsistentHeap("no memory at " + hex(address));
        }
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (buffer[i] & 0xff);
        }
        return v;
    }

    boolean readable(long address, long length) {
        return memory.contains(address, length);
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
