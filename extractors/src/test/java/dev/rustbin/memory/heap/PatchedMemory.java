package dev.rustbin.memory.heap;

import dev.rustbin.memory.AddressSpace;

/** A snapshot's real memory with one 64-bit word overwritten: a heap corrupted in a known place. */
final class PatchedMemory implements AddressSpace {

    private final AddressSpace memory;
    private final long address;
    private final long value;

    PatchedMemory(AddressSpace memory, long address, long value) {
        this.memory = memory;
        this.address = address;
        this.value = value;
    }

    @Override
    public boolean read(long at, byte[] target, int offset, int length) {
        if (!memory.read(at, target, offset, length)) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            long byteAddress = address + i;
            if (byteAddress >= at && byteAddress < at + length) {
                target[offset + (int) (byteAddress - at)] = (byte) (value >>> (8 * i));
            }
        }
        return true;
    }

    @Override
    public boolean contains(long at, long length) {
        return memory.contains(at, length);
    }
}
