package dev.rustbin.memory.unwind;

import dev.rustbin.dwarf.DwarfCursor;
import java.nio.ByteBuffer;

/**
 * {@code .eh_frame_hdr}: the linker's sorted table of (function start, FDE address) pairs, searched
 * in place with a binary search instead of indexing every FDE. Only tables whose entries have a
 * fixed size can be searched; {@link #parse} gives null for the others (and for a corrupt header),
 * and the caller falls back to indexing {@code .eh_frame} itself.
 */
final class EhFrameHeader {

    private final DwarfCursor table;
    private final PointerEncoding pointers;
    private final int encoding;
    private final int entrySize;
    private final long count;
    private final int tableStart;
    private long ehFrameAddress = -1;

    private EhFrameHeader(DwarfCursor table, PointerEncoding pointers, int encoding, long count) {
        this.table = table;
        this.pointers = pointers;
        this.encoding = encoding;
        this.entrySize = 2 * PointerEncoding.fixedSize(encoding);
        this.count = count;
        this.tableStart = table.position();
    }

    /** @param address the header's static address: datarel values in it are relative to it */
    static EhFrameHeader parse(ByteBuffer bytes, long address, PointerEncoding textAndIndirect) {
        try {
            PointerEncoding pointers = new PointerEncoding(textAndIndirect.text(), address, textAndIndirect.indirect());
            DwarfCursor c = DwarfCursor.over(bytes, address);
            int version = c.u8();
            int framePointerEncoding = c.u8();
            int countEncoding = c.u8();
            int tableEncoding = c.u8();
            if (version != 1 || countEncoding == PointerEncoding.OMIT || tableEncoding == PointerEncoding.OMIT
                    || PointerEncoding.fixedSize(tableEncoding) < 0 || (tableEncoding & 0x80) != 0) {
                return null;
            }
            long ehFrame = framePointerEncoding == PointerEncoding.OMIT ? -1 : pointers.read(c, framePointerEncoding, 0);
            long count = pointers.read(c, countEncoding, 0);
            EhFrameHeader header = new EhFrameHeader(c, pointers, tableEncoding, count);
            header.ehFrameAddress = ehFrame;
            long tableBytes = count * header.entrySize;
            return count >= 0 && tableBytes <= c.limit() - c.position() ? header : null;
        } catch (CfiFormatException e) {
            return null;
        }
    }

    /** Where the header says .eh_frame starts (what an image without section headers has to go by), or -1. */
    long ehFrameAddress() {
        return ehFrameAddress;
    }

    /** The FDE address of the last entry starting at or before {@code pc}, or -1 when none does. */
    long fdeAddressFor(long pc) {
        long lo = 0;
        long hi = count - 1;
        long found = -1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(start(mid), pc) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return -1;
        }
        DwarfCursor c = entry(found);
        pointers.read(c, encoding, 0);
        return pointers.read(c, encoding, 0);
    }

    private long start(long index) {
        return pointers.read(entry(index), encoding, 0);
    }

    private DwarfCursor entry(long index) {
        DwarfCursor c = new DwarfCursor(table.bytes(), table.baseAddress(), 0, table.limit());
        c.seek(tableStart + (int) (index * entrySize));
        return c;
    }
}
