package dev.rustbin.dwarf;

/**
 * Attribute forms (DW_FORM_*, DWARF 2 to 5 and the GNU extensions compilers still emit) and how to
 * read one into a number: an address, a constant, an absolute .debug_info offset for references, a
 * section offset or an index for strings, addresses and range lists. Blocks read as their offset.
 */
final class DwarfForms {

    static final int ADDR = 0x01;
    static final int BLOCK2 = 0x03;
    static final int BLOCK4 = 0x04;
    static final int DATA2 = 0x05;
    static final int DATA4 = 0x06;
    static final int DATA8 = 0x07;
    static final int STRING = 0x08;
    static final int BLOCK = 0x09;
    static final int BLOCK1 = 0x0a;
    static final int DATA1 = 0x0b;
    static final int FLAG = 0x0c;
    static final int SDATA = 0x0d;
    static final int STRP = 0x0e;
    static final int UDATA = 0x0f;
    static final int REF_ADDR = 0x10;
    static final int REF1 = 0x11;
    static final int REF2 = 0x12;
    static final int REF4 = 0x13;
    static final int REF8 = 0x14;
    static final int REF_UDATA = 0x15;
    static final int INDIRECT = 0x16;
    static final int SEC_OFFSET = 0x17;
    static final int EXPRLOC = 0x18;
    static final int FLAG_PRESENT = 0x19;
    static final int STRX = 0x1a;
    static final int ADDRX = 0x1b;
    static final int REF_SUP4 = 0x1c;
    static final int STRP_SUP = 0x1d;
    static final int DATA16 = 0x1e;
    static final int LINE_STRP = 0x1f;
    static final int REF_SIG8 = 0x20;
    static final int IMPLICIT_CONST = 0x21;
    static final int LOCLISTX = 0x22;
    static final int RNGLISTX = 0x23;
    static final int REF_SUP8 = 0x24;
    static final int STRX1 = 0x25;
    static final int STRX2 = 0x26;
    static final int STRX3 = 0x27;
    static final int STRX4 = 0x28;
    static final int ADDRX1 = 0x29;
    static final int ADDRX2 = 0x2a;
    static final int ADDRX3 = 0x2b;
    static final int ADDRX4 = 0x2c;
    static final int GNU_ADDR_INDEX = 0x1f01;
    static final int GNU_STR_INDEX = 0x1f02;
    static final int GNU_REF_ALT = 0x1f20;
    static final int GNU_STRP_ALT = 0x1f21;

    private DwarfForms() {
    }

    /**
     * Reads a value of {@code form} (DW_FORM_indirect already resolved). {@code unit} gives the
     * address size, offset size and the base of unit-relative references.
     */
    static long read(DwarfCursor in, int form, UnitHeader unit, long implicitConstant) {
        boolean dwarf64 = unit.dwarf64();
        return switch (form) {
            case ADDR -> in.unsigned(unit.addressSize());
            case DATA1, FLAG, STRX1, ADDRX1 -> in.u8();
            case DATA2, STRX2, ADDRX2 -> in.u16();
            case STRX3, ADDRX3 -> in.u24();
            case DATA4, STRX4, ADDRX4, REF_SUP4 -> in.u32();
            case DATA8, REF_SIG8, REF_SUP8 -> in.u64();
            case SDATA -> in.sleb();
            case UDATA, STRX, ADDRX, LOCLISTX, RNGLISTX, GNU_ADDR_INDEX, GNU_STR_INDEX -> in.uleb();
            case STRP, LINE_STRP, SEC_OFFSET, STRP_SUP, GNU_REF_ALT, GNU_STRP_ALT -> in.offset(dwarf64);
            case REF_ADDR -> unit.version() == 2 ? in.unsigned(unit.addressSize()) : in.offset(dwarf64);
            case REF1 -> unit.offset() + in.u8();
            case REF2 -> unit.offset() + in.u16();
            case REF4 -> unit.offset() + in.u32();
            case REF8 -> unit.offset() + in.u64();
            case REF_UDATA -> unit.offset() + in.uleb();
            case FLAG_PRESENT -> 1;
            case IMPLICIT_CONST -> implicitConstant;
            case STRING -> {
                long at = in.position();
                in.skipCString();
                yield at;
            }
            case DATA16 -> skipped(in, 16);
            case BLOCK1 -> skipped(in, in.u8());
            case BLOCK2 -> skipped(in, in.u16());
            case BLOCK4 -> skipped(in, in.u32());
            case BLOCK, EXPRLOC -> skipped(in, in.uleb());
            default -> throw new DwarfFormatException(String.format("unknown attribute form 0x%x", form));
        };
    }

    private static long skipped(DwarfCursor in, long length) {
        long at = in.position();
        in.skip(length);
        return at;
    }

    /** Whether a value of this form names a string (resolved by {@link DebugStrings#string}). */
    static boolean isString(int form) {
        return switch (form) {
            case STRING, STRP, LINE_STRP, STRX, STRX1, STRX2, STRX3, STRX4, GNU_STR_INDEX -> true;
            default -> false;
        };
    }

    /** Whether a value of this form is an address index into .debug_addr. */
    static boolean isAddressIndex(int form) {
        return form == ADDRX || form == ADDRX1 || form == ADDRX2 || form == ADDRX3 || form == ADDRX4 || form == GNU_ADDR_INDEX;
    }

    /** Whether a value of this form is a constant (DW_AT_high_pc as an offset from low_pc). */
    static boolean isConstant(int form) {
        return switch (form) {
            case DATA1, DATA2, DATA4, DATA8, SDATA, UDATA, IMPLICIT_CONST -> true;
            default -> false;
        };
    }
}
