package dev.rustbin.dwarf;

import java.nio.ByteBuffer;

/**
 * The header of one unit in {@code .debug_info} (DWARF 2 to 5): where the unit and its first entry
 * lie, its abbreviation table, its address size and whether it uses 64-bit offsets.
 *
 * @param offset         the unit's offset in .debug_info (what DW_FORM_ref* values are relative to)
 * @param end            the offset just after the unit
 * @param unitType       DW_UT_* (DWARF 5); DW_UT_compile for older versions
 * @param firstEntry     the offset of the unit's first debugging information entry
 */
public record UnitHeader(long offset, long end, boolean dwarf64, int version, int unitType,
                         long abbreviationOffset, int addressSize, long firstEntry) {

    static final int DW_UT_COMPILE = 1;
    static final int DW_UT_TYPE = 2;
    static final int DW_UT_PARTIAL = 3;
    static final int DW_UT_SKELETON = 4;
    static final int DW_UT_SPLIT_COMPILE = 5;
    static final int DW_UT_SPLIT_TYPE = 6;

    /** Reads the unit header at {@code offset}; null at the end of the section. */
    static UnitHeader read(ByteBuffer info, long offset) {
        if (offset >= info.limit()) {
            return null;
        }
        DwarfCursor in = new DwarfCursor(info, 0, (int) offset, info.limit());
        InitialLength length = InitialLength.read(in);
        long end = in.position() + length.length();
        if (length.length() < 2 || end > info.limit()) {
            throw new DwarfFormatException(String.format("unit at 0x%x: length %d runs past the section", offset, length.length()));
        }
        int version = in.u16();
        if (version < 2 || version > 5) {
            throw new DwarfFormatException(String.format("unit at 0x%x: DWARF version %d", offset, version));
        }
        int unitType = DW_UT_COMPILE;
        int addressSize;
        long abbrev;
        if (version >= 5) {
            unitType = in.u8();
            addressSize = in.u8();
            abbrev = in.offset(length.dwarf64());
            switch (unitType) {
                case DW_UT_SKELETON, DW_UT_SPLIT_COMPILE -> in.skip(8);
                case DW_UT_TYPE, DW_UT_SPLIT_TYPE -> in.skip(8 + (length.dwarf64() ? 8 : 4));
                default -> {
                }
            }
        } else {
            abbrev = in.offset(length.dwarf64());
            addressSize = in.u8();
        }
        if (addressSize != 4 && addressSize != 8) {
            throw new DwarfFormatException(String.format("unit at 0x%x: address size %d", offset, addressSize));
        }
        return new UnitHeader(offset, end, length.dwarf64(), version, unitType, abbrev, addressSize, in.position());
    }

    /** Whether the unit describes code (compile, partial or skeleton unit), not a type unit. */
    boolean describesCode() {
        return unitType == DW_UT_COMPILE || unitType == DW_UT_PARTIAL || unitType == DW_UT_SKELETON;
    }
}
