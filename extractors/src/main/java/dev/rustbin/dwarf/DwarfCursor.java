package dev.rustbin.dwarf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked little-endian reader over a range of a section's bytes, which knows the address
 * of the section's first byte (pc-relative pointers are relative to the address of the field). The
 * CFI reader and the .debug_* readers share it.
 */
public final class DwarfCursor {

    private final ByteBuffer bytes;
    private final long baseAddress;
    private final int limit;
    private int position;

    public DwarfCursor(ByteBuffer bytes, long baseAddress, int position, int limit) {
        if (position < 0 || limit > bytes.limit() || position > limit) {
            throw new DwarfFormatException("range " + position + ".." + limit + " outside " + bytes.limit() + " bytes");
        }
        this.bytes = bytes.order() == ByteOrder.LITTLE_ENDIAN ? bytes : bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.baseAddress = baseAddress;
        this.position = position;
        this.limit = limit;
    }

    /** A cursor over all of {@code bytes}, whose first byte is at {@code baseAddress}. */
    public static DwarfCursor over(ByteBuffer bytes, long baseAddress) {
        return new DwarfCursor(bytes, baseAddress, 0, bytes.limit());
    }

    public ByteBuffer bytes() {
        return bytes;
    }

    public int position() {
        return position;
    }

    public int limit() {
        return limit;
    }

    public boolean hasMore() {
        return position < limit;
    }

    /** The address the next byte has in the section's address space. */
    public long address() {
        return baseAddress + position;
    }

    public long baseAddress() {
        return baseAddress;
    }

    public void seek(int newPosition) {
        if (newPosition < 0 || newPosition > limit) {
            throw new DwarfFormatException("offset " + newPosition + " outside " + limit + " bytes");
        }
        position = newPosition;
    }

    private int take(int count) {
        if (count > limit - position) {
            throw new DwarfFormatException("truncated at offset " + position);
        }
        int at = position;
        position += count;
        return at;
    }

    public int u8() {
        return bytes.get(take(1)) & 0xff;
    }

    public int u16() {
        return bytes.getShort(take(2)) & 0xffff;
    }

    public long u32() {
        return bytes.getInt(take(4)) & 0xffff_ffffL;
    }

    public long s32() {
        return bytes.getInt(take(4));
    }

    public long u64() {
        return bytes.getLong(take(8));
    }

    /** Unsigned LEB128; bits beyond 64 are dropped (a corrupt table cannot make this run long: 10 bytes at most matter). */
    public long uleb() {
        return leb(false);
    }

    public long sleb() {
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

    /** A NUL-terminated UTF-8 string (CIE augmentations, file and directory names), skipping its NUL. */
    public String cstring() {
        int start = position;
        int length = 0;
        while (u8() != 0) {
            length++;
        }
        return utf8(start, length);
    }

    /** Moves past a NUL-terminated string without decoding it. */
    public void skipCString() {
        int end = position;
        while (end < limit && bytes.get(end) != 0) {
            end++;
        }
        if (end == limit) {
            throw new DwarfFormatException("string at offset " + position + " has no terminator");
        }
        position = end + 1;
    }

    private String utf8(int at, int length) {
        byte[] text = new byte[length];
        bytes.get(at, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    /** The NUL-terminated UTF-8 string at {@code offset} (a .debug_str offset), without moving the cursor. */
    public String cstringAt(long offset) {
        if (offset < 0 || offset >= limit) {
            throw new DwarfFormatException("string offset " + offset + " outside " + limit + " bytes");
        }
        int end = (int) offset;
        while (end < limit && bytes.get(end) != 0) {
            end++;
        }
        if (end == limit) {
            throw new DwarfFormatException("string at offset " + offset + " has no terminator");
        }
        return utf8((int) offset, end - (int) offset);
    }

    /** A 3-byte little-endian value (DW_FORM_strx3, addrx3). */
    public int u24() {
        int at = take(3);
        return (bytes.get(at) & 0xff) | (bytes.get(at + 1) & 0xff) << 8 | (bytes.get(at + 2) & 0xff) << 16;
    }

    /** A section offset: 4 bytes in 32-bit DWARF, 8 in 64-bit DWARF. */
    public long offset(boolean dwarf64) {
        return dwarf64 ? u64() : u32();
    }

    /** An unsigned value of {@code size} bytes (1, 2, 4 or 8): addresses, DW_FORM_data*. */
    public long unsigned(int size) {
        return switch (size) {
            case 1 -> u8();
            case 2 -> u16();
            case 4 -> u32();
            case 8 -> u64();
            default -> throw new DwarfFormatException("value of " + size + " bytes at offset " + position);
        };
    }

    public void skip(long count) {
        if (count < 0 || count > limit - position) {
            throw new DwarfFormatException("skip of " + count + " bytes truncated at offset " + position);
        }
        position += (int) count;
    }

    /** The next {@code length} bytes as a buffer of their own (an expression block), skipping them. */
    public ByteBuffer block(long length) {
        if (length < 0 || length > limit - position) {
            throw new DwarfFormatException("block of " + length + " bytes truncated at offset " + position);
        }
        int at = take((int) length);
        return bytes.slice(at, (int) length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
