package dev.rustbin.disasm;

import java.util.List;
import java.util.Optional;

/**
 * Byte offsets into Capstone's structures on 64-bit platforms, for the major versions rustbin
 * reads: 4.x (capstone.h, x86.h, arm64.h of 4.0.2) and 5.x (those of 5.0.3: cs_insn holds 24 bytes,
 * cs_detail lists 20 registers read and has a writeback flag, cs_arm64_op lost its vess field and
 * cs_arm64 gained post_index), each checked with offsetof against that version's headers. We read
 * the arrays {@code cs_disasm} returns by offset instead of mapping JNA Structures: Structure
 * mapping costs reflection per instruction and was measured 40x slower.
 */
record StructLayout(int major, int insnSize, int insnMnemonic, int insnDetail, int detailSize, int detailGroups,
                    int detailGroupsCount, int detailArch, int arm64OpCount, int arm64OpShiftType, int arm64OpShiftValue,
                    int arm64OpType) {

    static final StructLayout V4 = new StructLayout(4, 240, 34, 232, 1848, 67, 75, 80, 6, 12, 16, 24);
    static final StructLayout V5 = new StructLayout(5, 248, 42, 240, 1864, 83, 91, 96, 7, 8, 12, 20);
    static final List<StructLayout> SUPPORTED = List.of(V4, V5);

    static Optional<StructLayout> forMajor(int major) {
        return SUPPORTED.stream().filter(layout -> layout.major == major).findFirst();
    }

    // The same in every supported version.

    // cs_insn
    static final int INSN_ID = 0;
    static final int INSN_ADDRESS = 8;
    static final int INSN_LENGTH = 16;
    static final int MNEMONIC_CAPACITY = 32;
    /** op_str follows the mnemonic directly: the two are read as one run of bytes. */
    static final int OP_STR_CAPACITY = 160;

    // cs_x86 and cs_x86_op, within cs_detail's architecture union
    static final int X86_OP_COUNT = 64;
    static final int X86_OPERANDS = 72;
    static final int X86_OP_SIZE = 48;
    static final int X86_OP_TYPE = 0;
    static final int X86_OP_VALUE = 8;
    static final int X86_OP_MEM_BASE = 12;
    static final int X86_OP_MEM_INDEX = 16;
    static final int X86_OP_MEM_SCALE = 20;
    static final int X86_OP_MEM_DISP = 24;
    static final int X86_OP_BYTES = 32;
    static final int X86_OP_ACCESS = 33;

    // cs_arm64 and cs_arm64_op
    static final int ARM64_OPERANDS = 8;
    static final int ARM64_OP_SIZE = 56;
    static final int ARM64_OP_VALUE = 32;
    static final int ARM64_OP_MEM_INDEX = 36;
    static final int ARM64_OP_MEM_DISP = 40;
    static final int ARM64_OP_ACCESS = 48;

    // operand type values shared by cs_op_type, x86_op_type and arm64_op_type
    static final int OP_REG = 1;
    static final int OP_IMM = 2;
    static final int OP_MEM = 3;
    static final int OP_FP = 4;
    static final int ARM64_SFT_LSL = 1;
}
