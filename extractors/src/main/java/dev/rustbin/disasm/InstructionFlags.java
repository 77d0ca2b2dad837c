package dev.rustbin.disasm;

/**
 * Bits of the {@code flags} argument of {@link InstructionSink#instruction}: how an instruction
 * transfers control, computed without Capstone's detail mode (from the instruction id, mnemonic and
 * operand text) so that the cheap mode already answers call-graph questions.
 */
public final class InstructionFlags {

    private InstructionFlags() {}

    /** A call (direct or indirect). */
    public static final int CALL = 1;
    /** A jump, conditional or not, direct or indirect. Calls and returns are not jumps. */
    public static final int JUMP = 1 << 1;
    /**
     * The branch may fall through: jcc, loop, b.cond, cbz, tbz, and ARM's conditional forms of
     * b, bl, bx and pop.
     */
    public static final int CONDITIONAL = 1 << 2;
    /** A return (ret, iret, AArch64 ret, ARM {@code bx lr} and {@code pop {..., pc}}). */
    public static final int RETURN = 1 << 3;
    /** Not an instruction: bytes Capstone could not decode, reported with mnemonic {@code .byte}. */
    public static final int DATA = 1 << 4;
    /** The {@code target} argument holds the branch's immediate destination address. */
    public static final int DIRECT = 1 << 5;
    /**
     * An x86 instruction Capstone 4 cannot decode but whose length we know ({@link X86MissingInstructions}:
     * newer vector extensions, rdpkru, wrpkru), reported with the name that table gives it, else
     * {@code (unknown)}, and its bytes as operands.
     */
    public static final int UNKNOWN = 1 << 6;

    public static boolean isCall(int flags) {
        return (flags & CALL) != 0;
    }

    public static boolean isJump(int flags) {
        return (flags & JUMP) != 0;
    }

    public static boolean isConditional(int flags) {
        return (flags & CONDITIONAL) != 0;
    }

    public static boolean isReturn(int flags) {
        return (flags & RETURN) != 0;
    }

    public static boolean isData(int flags) {
        return (flags & DATA) != 0;
    }

    public static boolean isUnknown(int flags) {
        return (flags & UNKNOWN) != 0;
    }

    public static boolean hasTarget(int flags) {
        return (flags & DIRECT) != 0;
    }
}
