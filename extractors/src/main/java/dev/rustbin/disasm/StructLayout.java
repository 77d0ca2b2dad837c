package dev.rustbin.disasm;

/**
 * Byte offsets into Capstone 4.x structures on 64-bit platforms, taken from capstone.h, x86.h and
 * arm64.h (4.0.2) and checked with offsetof. We read the arrays {@code cs_disasm} returns by offset
 * instead of mapping JNA Structures: Structure mapping costs reflection per instruction and was
 * measured 40x slower.
 */
final class StructLayout {

    private StructLayout() {}

    // cs_insn
    static final int INSN_SIZE = 240;
    static final int INSN_ID = 0;
    static final int INSN_ADDRESS = 8;
    static final int INSN_LENGTH = 16;
    static final int INSN_MNEMONIC = 34;
    static final int MNEMONIC_CAPACITY = 32;
    static final int INSN_OP_STR = 66;
    static final int OP_STR_CAPACITY = 160;
    static final int INSN_DETAIL = 232;

    // cs_detail
    static final int DETAIL_SIZE = 1848;
    static final int DETAIL_GROUPS = 67;
    static final int DETAIL_GROUPS_COUNT = 75;
    /** The architecture union. */
    static final int DETAIL_ARCH = 80;

    // cs_x86 and cs_x86_op
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
    static final int ARM64_OP_COUNT = 6;
    static final int ARM64_OPERANDS = 8;
    static final int ARM64_OP_SIZE = 56;
    static final int ARM64_OP_SHIFT_TYPE = 12;
    static final int ARM64_OP_SHIFT_VALUE = 16;
    static final int ARM64_OP_TYPE = 24;
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
