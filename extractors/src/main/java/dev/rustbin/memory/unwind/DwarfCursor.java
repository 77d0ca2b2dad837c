package dev.rustbin.memory.unwind;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A bounds-checked little-endian reader over a range of a section's bytes, which knows the address
 * of the section's first byte (pc-relative pointers are relative to the address of the field).
 */
final class DwarfCursor {

    private final ByteBuffer bytes;
    private final long baseAddress;
    private final int limit;
    private int position;

    DwarfCursor(ByteBuffer bytes, long baseAddress, int position, int limit) {
        if (position < 0 || limit > bytes.limit() || position > limit) {
            throw new CfiFormatException("range " + position + ".." + limit + " outside " + bytes.limit() + " bytes");
        }
        this.bytes = bytes.order() == ByteOrder.LITTLE_ENDIAN ? bytes : bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.baseAddress = baseAddress;
        this.position = position;
        this.limit = limit;
    }

    /** A cursor over all of {@code bytes}, whose first byte is at {@code baseAddress}. */
    static DwarfCursor over(ByteBuffer bytes, long baseAddress) {
        return new DwarfCursor(bytes, baseAddress, 0, bytes.limit());
    }

    ByteBuffer bytes() {
        return bytes;
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    boolean hasMore() {
        return position < limit;
    }

    /** The address the next byte has in the section's address space. */
    long address() {
        return baseAddress + position;
    }

    long baseAddress() {
        return baseAddress;
    }

    void seek(int newPosition) {
        if (newPosition < 0 || newPosition > limit) {
            throw new CfiFormatException("offset " + newPosition + " outside " + limit + " bytes");
        }
        position = newPosition;
    }

    private int take(int count) {
        if (count > limit - position) {
            throw new CfiFormatException("truncated at offset " + position);
        }
        int at = position;
        position += count;
        return at;
    }

    int u8() {
        return bytes.get(take(1)) & 0xff;
    }

    int u16() {
        return bytes.getShort(take(2)) & 0xffff;
    }

    long u32() {
        return bytes.getInt(take(4)) & 0xffff_ffffL;
    }

    long s32() {
        return bytes.getInt(take(4));
    }

    long u64() {
        return bytes.getLong(take(8));
    }

    /** Unsigned LEB128; bits beyond 64 are dropped (a corrupt table cannot make this run long: 10 bytes at most matter). */
    long uleb() {
        return leb(false);
    }

    long sleb() {
        return leb(true);
    }

    private long leb(boolean signed) {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (signed && shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** A NUL-terminated ASCII string (CIE augmentations). */
    String cstring() {
        StringBuilder text = new StringBuilder();
        for (int c = u8(); c != 0; c = u8()) {
            text.append((char) c);
        }
        return text.toString();
    }

    /** The next {@code length} bytes as a buffer of their own (an expression block), skipping them. */
    ByteBuffer block(long length) {
        if (length < 0 || length > limit - position) {
            throw new CfiFormatException("block of " + length + " bytes truncated at offset " + position);
        }
        int at = take((int) length);
        return bytes.slice(at, (int) length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
