package dev.rustbin.memory.reach;

import dev.rustbin.memory.AddressSpace;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the aligned 64-bit words of address ranges from a snapshot, in blocks of up to 1 MiB copied
 * into one reused buffer. A small range is served from the aligned block around it, so neighbouring
 * small chunks, visited upwards or downwards, share one copy; ranges the snapshot did not capture
 * are skipped page by page.
 */
final class WordReader {

    /** Receives each word read: where it is, and its value. */
    @FunctionalInterface
    interface WordVisitor {
        void word(long address, long value);
    }

    static final int BLOCK = 1 << 20;
    private static final long PAGE = 4096;

    private final AddressSpace memory;
    private final int readAhead;
    private final byte[] block = new byte[BLOCK];
    private final ByteBuffer words = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
    private long blockStart;
    private int blockLength;

    /** @param readAhead the aligned block read for a range that is not in the current one: a power of two up to {@link #BLOCK} */
    WordReader(AddressSpace memory, int readAhead) {
        if (Integer.bitCount(readAhead) != 1 || readAhead > BLOCK) {
            throw new IllegalArgumentException("read-ahead " + readAhead);
        }
        this.memory = memory;
        this.readAhead = readAhead;
    }

    /** Visits every 8-byte-aligned word wholly inside {@code [from, to)} that the snapshot captured. */
    void forEachWord(long from, long to, WordVisitor visitor) {
        long p = (from + 7) & ~7L;
        long end = to & ~7L;
        while (Long.compareUnsigned(p, end) < 0) {
            int length = (int) Math.min(BLOCK, end - p);
            int offset = load(p, length);
            if (offset < 0) {
                // Part of the range was not captured: go on page by page, skipping what is missing.
                length = (int) Math.min(length, ((p + PAGE) & -PAGE) - p);
                offset = load(p, length);
            }
            for (int i = 0; offset >= 0 && i < length; i += 8) {
                visitor.word(p + i, words.getLong(offset + i));
            }
            p += length;
        }
    }

    /** Where {@code [address, address + length)} starts in the block after loading it, or -1 when it was not captured. */
    private int load(long address, int length) {
        long inBlock = address - blockStart;
        if (blockLength > 0 && inBlock >= 0 && inBlock + length <= blockLength) {
            return (int) inBlock;
        }
        long aligned = address & -readAhead;
        if (address + length <= aligned + readAhead && memory.read(aligned, block, 0, readAhead)) {
            loaded(aligned, readAhead);
            return (int) (address - aligned);
        }
        return memory.read(address, block, 0, length) ? loaded(address, length) : invalidated();
    }

    private int loaded(long address, int length) {
        blockStart = address;
        blockLength = length;
        return 0;
    }

    private int invalidated() {
        blockLength = 0;
        return -1;
    }
}
