package dev.rustbin.memory.unwind;

import dev.rustbin.dwarf.DwarfCursor;
import dev.rustbin.dwarf.DwarfFormatException;
import dev.rustbin.format.SortedAddresses;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One section of call frame information, {@code .eh_frame} or {@code .debug_frame} (they differ in
 * how a CIE is marked, how an FDE points at its CIE, and how addresses are encoded), over the bytes
 * of the file. Entries are parsed when asked for; {@link #find} builds a sorted index of all FDEs
 * once, on first use, for sections without an {@code .eh_frame_hdr} search table.
 */
final class CfiSection {

    enum Kind { EH_FRAME, DEBUG_FRAME }

    private final Kind kind;
    private final ByteBuffer bytes;
    private final long address;
    private final PointerEncoding pointers;
    private final Map<Integer, CommonInformationEntry> cies = new ConcurrentHashMap<>();
    private long[] indexBegins;
    private int[] indexOffsets;

    /** @param address the section's address in the file's own address space */
    CfiSection(Kind kind, ByteBuffer bytes, long address, PointerEncoding pointers) {
        this.kind = kind;
        this.bytes = bytes;
        this.address = address;
        this.pointers = pointers;
    }

    long address() {
        return address;
    }

    int size() {
        return bytes.limit();
    }

    PointerEncoding pointers() {
        return pointers;
    }

    /** A cursor over {@code [start, end)} of the section (CFI instructions, expressions). */
    DwarfCursor cursor(int start, int end) {
        return new DwarfCursor(bytes, address, start, end);
    }

    /** The framing of one entry: where its content starts and ends, and its CIE id / CIE pointer field. */
    private record Entry(int start, int contentEnd, long id, int idField, boolean cie, int bodyStart) {
    }

    /** The entry at {@code offset}, or null at the end of the section (its end or an .eh_frame terminator). */
    private Entry entryAt(int offset) {
        if (offset + 4 > bytes.limit()) {
            return null;
        }
        DwarfCursor c = cursor(offset, bytes.limit());
        long length = c.u32();
        boolean wide = length == 0xffff_ffffL;
        if (wide) {
            length = c.u64();
        }
        if (length == 0) {
            return null;
        }
        if (length < 4 || length > c.limit() - c.position()) {
            throw new CfiFormatException("entry at offset " + offset + " overruns the section");
        }
        int contentEnd = c.position() + (int) length;
        int idField = c.position();
        boolean wideId = wide && kind == Kind.DEBUG_FRAME;
        long id = wideId ? c.u64() : c.u32();
        boolean cie = kind == Kind.EH_FRAME ? id == 0 : id == (wideId ? -1L : 0xffff_ffffL);
        return new Entry(offset, contentEnd, id, idField, cie, c.position());
    }

    CommonInformationEntry cieAt(int offset) {
        CommonInformationEntry cached = cies.get(offset);
        if (cached != null) {
            return cached;
        }
        Entry e = entryAt(offset);
        if (e == null || !e.cie()) {
            throw new CfiFormatException("no CIE at offset " + offset);
        }
        DwarfCursor c = cursor(e.bodyStart(), e.contentEnd());
        int version = c.u8();
        if (version != 1 && version != 3 && version != 4) {
            throw new CfiFormatException("CIE version " + version + " at offset " + offset);
        }
        String augmentation = c.cstring();
        int addressSize = 8;
        if (augmentation.contains("eh")) {
            c.u64();
        }
        if (version == 4) {
            addressSize = c.u8();
            c.u8();
        }
        long codeAlignment = c.uleb();
        long dataAlignment = c.sleb();
        int returnAddress = (int) (version == 1 ? c.u8() : c.uleb());
        int fdeEncoding = addressSize == 4 ? 0x03 : 0x00;
        boolean signal = false;
        boolean zed = augmentation.startsWith("z");
        if (zed) {
            long length = c.uleb();
            int dataEnd = c.position() + (int) Math.min(length, c.limit() - c.position());
            for (int i = 1; i < augmentation.length(); i++) {
                char a = augmentation.charAt(i);
                if (a == 'R') {
                    fdeEncoding = c.u8();
                } else if (a == 'L') {
                    c.u8();
                } else if (a == 'P') {
                    pointers.read(c, c.u8() & 0x7f, 0);
                } else if (a == 'S') {
                    signal = true;
                } else if (a != 'B' && a != 'G') {
                    break;
                }
            }
            c.seek(dataEnd);
        } else if (augmentation.chars().allMatch(a -> a == 'S' || a == 'B' || a == 'G')) {
            // Letters without data may come without 'z' (GNU as writes "S" into .debug_frame).
            signal = augmentation.indexOf('S') >= 0;
        } else if (!augmentation.equals("eh")) {
            throw new CfiFormatException("CIE augmentation '" + augmentation + "' at offset " + offset);
        }
        CommonInformationEntry cie = new CommonInformationEntry(this, offset, version, augmentation, codeAlignment,
                dataAlignment, returnAddress, fdeEncoding, zed, signal, addressSize, c.position(), e.contentEnd());
        cies.put(offset, cie);
        return cie;
    }

    /** The FDE at {@code offset} (from .eh_frame_hdr's table), or null when an entry there is not an FDE. */
    FrameDescriptionEntry fdeAt(int offset) {
        Entry e = entryAt(offset);
        return e == null || e.cie() ? null : fde(e);
    }

    private FrameDescriptionEntry fde(Entry e) {
        long cieOffset = kind == Kind.EH_FRAME ? e.idField() - e.id() : e.id();
        if (cieOffset < 0 || cieOffset >= bytes.limit()) {
            throw new CfiFormatException("FDE at offset " + e.start() + " points outside the section");
        }
        CommonInformationEntry cie = cieAt((int) cieOffset);
        DwarfCursor c = cursor(e.bodyStart(), e.contentEnd());
        long begin = pointers.read(c, cie.fdeEncoding(), 0);
        long range = pointers.read(c, cie.fdeEncoding() & 0x0f, 0);
        if (cie.augmentationData()) {
            long length = c.uleb();
            c.seek((int) Math.min(c.position() + length, c.limit()));
        }
        return new FrameDescriptionEntry(cie, e.start(), begin, begin + range, c.position(), e.contentEnd());
    }

    /** The FDE covering a static pc, through the sorted index (built once, on the first call). */
    synchronized FrameDescriptionEntry find(long pc) {
        if (indexBegins == null) {
            buildIndex();
        }
        int hi = SortedAddresses.lastAtOrBelow(indexBegins, 0, indexBegins.length, pc);
        // Entries may overlap (a zero-length FDE, a duplicate); look back a few for one that covers pc.
        for (int i = hi; i >= 0 && i > hi - 8; i--) {
            FrameDescriptionEntry fde = fdeAt(indexOffsets[i]);
            if (fde != null && fde.covers(pc)) {
                return fde;
            }
        }
        return null;
    }

    private void buildIndex() {
        List<long[]> found = new ArrayList<>();
        int offset = 0;
        try {
            for (Entry e = entryAt(0); e != null; e = entryAt(offset)) {
                if (!e.cie()) {
                    FrameDescriptionEntry fde = fde(e);
                    if (Long.compareUnsigned(fde.pcEnd(), fde.pcBegin()) > 0) {
                        found.add(new long[] {fde.pcBegin(), e.start()});
                    }
                }
                offset = e.contentEnd();
            }
        } catch (DwarfFormatException stop) {
            // A corrupt entry ends the index: the entries before it still serve lookups.
        }
        long[][] sorted = found.toArray(long[][]::new);
        Arrays.sort(sorted, (a, b) -> Long.compareUnsigned(a[0], b[0]));
        indexBegins = new long[sorted.length];
        indexOffsets = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            indexBegins[i] = sorted[i][0];
            indexOffsets[i] = (int) sorted[i][1];
        }
    }
}
