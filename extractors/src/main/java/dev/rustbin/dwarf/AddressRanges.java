package dev.rustbin.dwarf;

import java.nio.ByteBuffer;

/**
 * The code an entry covers: DW_AT_low_pc with DW_AT_high_pc (an address, or since DWARF 4 a length),
 * or DW_AT_ranges in .debug_ranges (DWARF 2-4) or .debug_rnglists (DWARF 5, by offset or rnglistx).
 */
final class AddressRanges {

    /** Receives one half-open range [low, high). */
    interface Sink {
        void range(long low, long high);
    }

    private static final int RLE_END_OF_LIST = 0;
    private static final int RLE_BASE_ADDRESSX = 1;
    private static final int RLE_STARTX_ENDX = 2;
    private static final int RLE_STARTX_LENGTH = 3;
    private static final int RLE_OFFSET_PAIR = 4;
    private static final int RLE_BASE_ADDRESS = 5;
    private static final int RLE_START_END = 6;
    private static final int RLE_START_LENGTH = 7;
    /** A corrupt list cannot run forever: no real entry has this many ranges. */
    private static final int MAX_ENTRIES = 1 << 20;

    private final DwarfSections sections;
    private final DebugStrings strings;

    AddressRanges(DwarfSections sections, DebugStrings strings) {
        this.sections = sections;
        this.strings = strings;
    }

    /** Sends the ranges of the entry to {@code sink}; nothing when it has neither pc nor ranges. */
    void of(CompileUnit unit, DebugInfoEntry entry, Sink sink) {
        if (entry.has(DwarfAttributes.RANGES)) {
            list(unit, entry.form(DwarfAttributes.RANGES), entry.value(DwarfAttributes.RANGES), sink);
        } else if (entry.has(DwarfAttributes.LOW_PC)) {
            long low = strings.address(unit, entry.form(DwarfAttributes.LOW_PC), entry.value(DwarfAttributes.LOW_PC));
            if (!entry.has(DwarfAttributes.HIGH_PC)) {
                return;
            }
            int form = entry.form(DwarfAttributes.HIGH_PC);
            long high = DwarfForms.isConstant(form) ? low + entry.value(DwarfAttributes.HIGH_PC)
                    : strings.address(unit, form, entry.value(DwarfAttributes.HIGH_PC));
            if (Long.compareUnsigned(high, low) > 0) {
                sink.range(low, high);
            }
        }
    }

    private void list(CompileUnit unit, int form, long value, Sink sink) {
        UnitHeader header = unit.header();
        if (header.version() < 5) {
            ranges(unit, value + unit.rnglistsBase(), sink);
            return;
        }
        long offset = value;
        if (form == DwarfForms.RNGLISTX) {
            ByteBuffer lists = sections.get(".debug_rnglists");
            int size = header.dwarf64() ? 8 : 4;
            long at = unit.rnglistsBase() + value * size;
            if (at + size > lists.limit()) {
                throw new DwarfFormatException("rnglistx " + value + " outside .debug_rnglists");
            }
            offset = unit.rnglistsBase() + new DwarfCursor(lists, 0, (int) at, lists.limit()).unsigned(size);
        }
        rnglist(unit, offset, sink);
    }

    /** DWARF 2-4 .debug_ranges: address pairs relative to the base, (0, 0) ends, (-1, base) rebases. */
    private void ranges(CompileUnit unit, long offset, Sink sink) {
        ByteBuffer bytes = sections.get(".debug_ranges");
        if (offset < 0 || offset >= bytes.limit()) {
            throw new DwarfFormatException(String.format("range list 0x%x outside .debug_ranges", offset));
        }
        DwarfCursor in = new DwarfCursor(bytes, 0, (int) offset, bytes.limit());
        int size = unit.header().addressSize();
        long all = size == 8 ? -1L : 0xffff_ffffL;
        long base = unit.lowPc();
        for (int n = 0; n < MAX_ENTRIES; n++) {
            long start = in.unsigned(size);
            long end = in.unsigned(size);
            if (start == 0 && end == 0) {
                return;
            }
            if (start == all) {
                base = end;
            } else if (Long.compareUnsigned(end, start) > 0) {
                sink.range(base + start, base + end);
            }
        }
    }

    private void rnglist(CompileUnit unit, long offset, Sink sink) {
        ByteBuffer bytes = sections.get(".debug_rnglists");
        if (offset < 0 || offset >= bytes.limit()) {
            throw new DwarfFormatException(String.format("range list 0x%x outside .debug_rnglists", offset));
        }
        DwarfCursor in = new DwarfCursor(bytes, 0, (int) offset, bytes.limit());
        int size = unit.header().addressSize();
        long base = unit.lowPc();
        for (int n = 0; n < MAX_ENTRIES; n++) {
            int kind = in.u8();
            long start;
            long end;
            switch (kind) {
                case RLE_END_OF_LIST -> {
                    return;
                }
                case RLE_BASE_ADDRESSX -> {
                    base = strings.address(unit, DwarfForms.ADDRX, in.uleb());
                    continue;
                }
                case RLE_BASE_ADDRESS -> {
                    base = in.unsigned(size);
                    continue;
                }
                case RLE_STARTX_ENDX -> {
                    start = strings.address(unit, DwarfForms.ADDRX, in.uleb());
                    end = strings.address(unit, DwarfForms.ADDRX, in.uleb());
                }
                case RLE_STARTX_LENGTH -> {
                    start = strings.address(unit, DwarfForms.ADDRX, in.uleb());
                    end = start + in.uleb();
                }
                case RLE_OFFSET_PAIR -> {
                    start = base + in.uleb();
                    end = base + in.uleb();
                }
                case RLE_START_END -> {
                    start = in.unsigned(size);
                    end = in.unsigned(size);
                }
                case RLE_START_LENGTH -> {
                    start = in.unsigned(size);
                    end = start + in.uleb();
                }
                default -> throw new DwarfFormatException(String.format("range list entry kind 0x%x at 0x%x", kind, in.position() - 1));
            }
            if (Long.compareUnsigned(end, start) > 0) {
                sink.range(start, end);
            }
        }
    }
}
