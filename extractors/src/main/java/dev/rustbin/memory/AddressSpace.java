package dev.rustbin.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalLong;

/**
 * The memory of a process as it was at one snapshot: reads by virtual address, whatever holds the
 * bytes (a core file, a spill file written from a live process). Addresses are unsigned 64-bit.
 */
public interface AddressSpace {

    /**
     * Copies {@code length} bytes at {@code address} into {@code target} at {@code offset}; false
     * (and nothing promised about {@code target}) when any byte of the range was not captured.
     */
    boolean read(long address, byte[] target, int offset, int length);

    /** The little-endian 64-bit word at {@code address}, or empty when it was not captured. */
    default OptionalLong readU64(long address) {
        byte[] word = new byte[8];
        return read(address, word, 0, 8)
                ? OptionalLong.of(ByteBuffer.wrap(word).order(ByteOrder.LITTLE_ENDIAN).getLong())
                : OptionalLong.empty();
    }

    /** True when every byte of {@code [address, address + length)} was captured. */
    boolean contains(long address, long length);
}
