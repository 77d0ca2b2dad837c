package dev.rustbin.disasm;

import static dev.rustbin.disasm.InstructionFlags.CALL;
import static dev.rustbin.disasm.InstructionFlags.CONDITIONAL;
import static dev.rustbin.disasm.InstructionFlags.JUMP;
import static dev.rustbin.disasm.InstructionFlags.RETURN;

import java.util.Set;

/**
 * Control-flow flags of an instruction without detail mode. {@link #classify} works from the
 * Capstone instruction name and printed mnemonic, once per distinct (id, mnemonic) in
 * {@link MnemonicTable}; going by names rather than numeric ids keeps us independent of the id
 * numbering, which changes between Capstone versions. Its result may carry the package-private
 * bits below, which say what {@link #target} and {@link #armReturn} must then read from each
 * instruction's operand text.
 */
final class BranchClassifier {

    /** The operand text may hold an immediate destination: parse it into {@code target}. */
    static final int TARGET_IN_OPERANDS = 1 << 16;
    /** ARM: a return when the operand text is exactly {@code lr} ({@code bx lr}). */
    static final int RETURN_IF_LR = 1 << 17;
    /** ARM: a return when the register list names {@code pc} ({@code pop {r4, pc}}). */
    static final int RETURN_IF_PC = 1 << 18;
    static final int PUBLIC_MASK = 0xffff;
    /** What {@link #target} returns for operand text that is not a plain immediate. */
    static final long NO_TARGET = -1;

    private static final Set<String> X86_CONDITIONAL_JUMPS = Set.of("jae", "ja", "jbe", "jb", "jcxz",
            "jecxz", "je", "jge", "jg", "jle", "jl", "jne", "jno", "jnp", "jns", "jo", "jp", "jrcxz",
            "js", "loop", "loope", "loopne");
    private static final Set<String> X86_RETURNS = Set.of("ret", "retf", "retfq", "iret", "iretd",
            "iretq");

    private BranchClassifier() {}

    /**
     * @param name Capstone's instruction name ({@code cs_insn_name}), never null
     * @param mnemonic the printed mnemonic, which for ARM and AArch64 carries the condition
     */
    static int classify(Architecture arch, String name, String mnemonic) {
        if (arch.isX86()) {
            return x86(name);
        }
        if (arch == Architecture.AARCH64) {
            return aarch64(name, mnemonic);
        }
        return arm32(name, mnemonic);
    }

    /**
     * The immediate destination in the operand text {@code text[from, end)}, or {@link #NO_TARGET}.
     * x86 prints it alone ({@code 0x4010a0}, or decimal below 10); ARM and AArch64 as the last
     * operand: {@code #0x4010a0} (b, bl), {@code x0, #0x4010a0} (cbz), {@code w1, #3, #0x4010a0}
     * (tbz). Register forms have no immediate.
     */
    static long target(Architecture arch, byte[] text, int from, int end) {
        if (arch.isX86()) {
            return parseNumber(text, from, end);
        }
        for (int i = end - 1; i >= from; i--) {
            if (text[i] == '#') {
                return parseNumber(text, i + 1, end);
            }
            if (text[i] == ',' || text[i] == ' ') {
                return NO_TARGET;
            }
        }
        return NO_TARGET;
    }

    /** Parses {@code text[from, end)} as 0x-hex or decimal; {@link #NO_TARGET} if it is anything else. */
    private static long parseNumber(byte[] text, int from, int end) {
        boolean hex = end - from > 2 && text[from] == '0' && text[from + 1] == 'x';
        int radix = hex ? 16 : 10;
        int start = hex ? from + 2 : from;
        if (start == end || end - start > 16) {
            return NO_TARGET;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(text[i], radix);
            if (digit < 0) {
                return NO_TARGET;
            }
            value = value * radix + digit;
        }
        return value;
    }

    /** ARM's bx and pop are returns only for some operands; otherwise bx is a jump, pop nothing. */
    static int armReturn(int flags, String operands) {
        boolean returns = (flags & RETURN_IF_LR) != 0 ? operands.equals("lr") : operands.endsWith("pc}");
        if (returns) {
            return (flags & ~JUMP) | RETURN;
        }
        return (flags & JUMP) != 0 ? flags : 0;
    }

    private static int x86(String name) {
        switch (name) {
            case "call": return CALL | TARGET_IN_OPERANDS;
            case "lcall": return CALL;
            case "jmp": return JUMP | TARGET_IN_OPERANDS;
            case "ljmp": return JUMP;
            default:
                if (X86_CONDITIONAL_JUMPS.contains(name)) {
                    return JUMP | CONDITIONAL | TARGET_IN_OPERANDS;
                }
                return X86_RETURNS.contains(name) ? RETURN : 0;
        }
    }

    private static int aarch64(String name, String mnemonic) {
        switch (name) {
            case "bl": return CALL | TARGET_IN_OPERANDS;
            case "blr": return CALL;
            // b.eq and friends share the id of b; only the mnemonic shows the condition
            case "b": return JUMP | TARGET_IN_OPERANDS | (mnemonic.startsWith("b.") ? CONDITIONAL : 0);
            case "br": return JUMP;
            case "cbz": case "cbnz": case "tbz": case "tbnz":
                return JUMP | CONDITIONAL | TARGET_IN_OPERANDS;
            case "ret": case "eret": return RETURN;
            default: return 0;
        }
    }

    private static int arm32(String name, String mnemonic) {
        int flags;
        switch (name) {
            case "bl": case "blx": flags = CALL | TARGET_IN_OPERANDS; break;
            case "b": flags = JUMP | TARGET_IN_OPERANDS; break;
            case "bx": flags = JUMP | RETURN_IF_LR; break;
            case "bxj": case "tbb": case "tbh": flags = JUMP; break;
            case "cbz": case "cbnz": return JUMP | CONDITIONAL | TARGET_IN_OPERANDS;
            case "pop": flags = RETURN_IF_PC; break;
            case "eret": flags = RETURN; break;
            default: return 0;
        }
        // A condition code is printed as a suffix of the name: bne, blxeq, bxne, popgt.
        return withoutWidthSuffix(mnemonic).equals(name) ? flags : flags | CONDITIONAL;
    }

    /** Thumb-2 mnemonics may end in .w or .n (encoding width), which is not a condition. */
    private static String withoutWidthSuffix(String mnemonic) {
        return mnemonic.endsWith(".w") || mnemonic.endsWith(".n")
                ? mnemonic.substring(0, mnemonic.length() - 2) : mnemonic;
    }
}
