package dev.rustbin.dwarf;

/** A unit's initial length field: 4 bytes, or 0xffffffff and 8 bytes for 64-bit DWARF. */
record InitialLength(long length, boolean dwarf64) {

    static InitialLength read(DwarfCursor in) {
        long length = in.u32();
        if (length == 0xffff_ffffL) {
            return new InitialLength(in.u64(), true);
        }
        if (length >= 0xffff_fff0L) {
            throw new DwarfFormatException(String.format("reserved unit length 0x%x at offset %d", length, in.position() - 4));
        }
        return new InitialLength(length, false);
    }
}
