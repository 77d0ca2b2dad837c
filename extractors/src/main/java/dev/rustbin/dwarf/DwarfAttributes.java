package dev.rustbin.dwarf;

import java.util.Arrays;

/** The tags and attributes (DW_TAG_*, DW_AT_*) the readers here look at; entries skip the others. */
final class DwarfAttributes {

    static final int TAG_LEXICAL_BLOCK = 0x0b;
    static final int TAG_COMPILE_UNIT = 0x11;
    static final int TAG_INLINED_SUBROUTINE = 0x1d;
    static final int TAG_SUBPROGRAM = 0x2e;
    static final int TAG_PARTIAL_UNIT = 0x3c;
    static final int TAG_SKELETON_UNIT = 0x4a;

    static final int NAME = 0x03;
    static final int STMT_LIST = 0x10;
    static final int LOW_PC = 0x11;
    static final int HIGH_PC = 0x12;
    static final int LANGUAGE = 0x13;
    static final int COMP_DIR = 0x1b;
    static final int INLINE = 0x20;
    static final int PRODUCER = 0x25;
    static final int ABSTRACT_ORIGIN = 0x31;
    static final int DECL_FILE = 0x3a;
    static final int DECL_LINE = 0x3b;
    static final int DECLARATION = 0x3c;
    static final int SPECIFICATION = 0x47;
    static final int RANGES = 0x55;
    static final int CALL_COLUMN = 0x57;
    static final int CALL_FILE = 0x58;
    static final int CALL_LINE = 0x59;
    static final int LINKAGE_NAME = 0x6e;
    static final int STR_OFFSETS_BASE = 0x72;
    static final int ADDR_BASE = 0x73;
    static final int RNGLISTS_BASE = 0x74;
    static final int MIPS_LINKAGE_NAME = 0x2007;
    static final int GNU_RANGES_BASE = 0x2132;
    static final int GNU_ADDR_BASE = 0x2133;

    /** The attributes an entry keeps, each in a slot of its own; {@link #slot} maps DW_AT_* to it. */
    private static final int[] KEPT = {NAME, STMT_LIST, LOW_PC, HIGH_PC, LANGUAGE, COMP_DIR, PRODUCER,
        ABSTRACT_ORIGIN, DECL_FILE, DECL_LINE, DECLARATION, SPECIFICATION, RANGES, CALL_COLUMN, CALL_FILE,
        CALL_LINE, LINKAGE_NAME, STR_OFFSETS_BASE, ADDR_BASE, RNGLISTS_BASE, GNU_RANGES_BASE, GNU_ADDR_BASE, INLINE};
    static final int SLOTS = KEPT.length;
    private static final byte[] SLOT_OF = new byte[0x80];

    static {
        Arrays.fill(SLOT_OF, (byte) -1);
        for (int i = 0; i < KEPT.length; i++) {
            if (KEPT[i] < SLOT_OF.length) {
                SLOT_OF[KEPT[i]] = (byte) i;
            }
        }
    }

    private DwarfAttributes() {
    }

    /** The slot of an attribute, or -1 for attributes nobody reads (DW_AT_MIPS_linkage_name shares linkage_name's). */
    static int slot(int attribute) {
        if (attribute < SLOT_OF.length) {
            return SLOT_OF[attribute];
        }
        if (attribute == MIPS_LINKAGE_NAME) {
            return SLOT_OF[LINKAGE_NAME];
        }
        for (int i = 0; i < KEPT.length; i++) {
            if (KEPT[i] == attribute) {
                return i;
            }
        }
        return -1;
    }
}
